#include "analysis/writers/text_table.hpp"

#include <algorithm>
#include <cstddef>
#include <sstream>

namespace entente::analysis {

std::string format_text_table(const std::vector<std::vector<std::string>>& rows, const TextTableOptions& options) {
  if (rows.empty()) return "";
  std::vector<std::size_t> w(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) w[c] = std::max(w[c], row[c].size());
  std::ostringstream out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (options.rule_before_last && i + 1 == rows.size()) {
      std::size_t total = 0;
      for (std::size_t c = 0; c < w.size(); ++c) total += w[c] + (c ? 2 : 0);
      out << std::string(total, '-') << "\n";
    }
    std::string line;
    for (std::size_t c = 0; c < rows[i].size(); ++c) {
      const std::string& cell = rows[i][c];
      if (c > 0) line += "  ";
      // Numbers right-aligned, names left-aligned.
      if (c == 0 || c + 1 == rows[i].size()) line += cell + std::string(w[c] - cell.size(), ' ');
      else line += std::string(w[c] - cell.size(), ' ') + cell;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
    if (i == 0) out << std::string(line.size(), '-') << "\n";
  }
  return out.str();
}

}  // namespace entente::analysis
