#include "analysis/design/design_csv.hpp"

#include "analysis/writers/number_format.hpp"
#include "analysis/writers/csv_field.hpp"

namespace entente::analysis {

std::string design_csv(const Design& design) {
  std::string out;
  for (std::size_t j = 0; j < design.names.size(); ++j) {
    if (j) out += ',';
    out += csv_field(design.names[j]);
  }
  out += '\n';
  for (const auto& row : design.x) {
    for (std::size_t j = 0; j < row.size(); ++j) {
      if (j) out += ',';
      out += format_number(row[j]);
    }
    out += '\n';
  }
  return out;
}

}  // namespace entente::analysis
