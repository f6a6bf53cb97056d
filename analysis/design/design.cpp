// What every design shares: checking the parameter list, and mapping unit-cube
// points to values through the inverse CDFs.
#include "analysis/design/design.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

namespace entente::analysis {

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void check_design_parameters(const std::vector<DesignParameter>& params) {
  if (params.empty()) throw std::invalid_argument("a design needs at least one parameter");
  std::set<std::string> seen;
  for (const auto& p : params) {
    bool ok = !p.name.empty() && p.name.size() <= 128 && is_letter(p.name[0]);
    for (char c : p.name) ok = ok && (is_letter(c) || is_digit(c) || c == '_' || c == '.');
    if (!ok)
      throw std::invalid_argument("parameter name '" + p.name +
                                  "' is not valid (a letter first, then letters, digits, '_' or '.')");
    if (!seen.insert(p.name).second) throw std::invalid_argument("parameter '" + p.name + "' appears twice");
    if (p.dist.is_fixed())
      throw std::invalid_argument("parameter '" + p.name + "' is fixed; a design parameter must vary");
    if (auto why = p.dist.invalid_reason())
      throw std::invalid_argument("parameter '" + p.name + "' has an impossible distribution: " + *why);
  }
}

double morris_value(const Distribution& dist, double g) {
  if (g <= 0 && std::isfinite(dist.support_min())) return dist.support_min();
  if (g >= 1 && std::isfinite(dist.support_max())) return dist.support_max();
  return dist.quantile(std::clamp(g, kMorrisClamp, 1.0 - kMorrisClamp));
}

void map_design_values(Design& design, const std::vector<DesignParameter>& params) {
  design.names.clear();
  for (const auto& p : params) design.names.push_back(p.name);
  const bool morris = design.kind == "morris";
  design.x.assign(design.u.size(), std::vector<double>(params.size()));
  for (std::size_t i = 0; i < design.u.size(); ++i) {
    for (std::size_t j = 0; j < params.size(); ++j) {
      const double u = design.u[i][j];
      design.x[i][j] = morris ? morris_value(params[j].dist, u) : params[j].dist.quantile(u);
    }
  }
}

}  // namespace entente::analysis
