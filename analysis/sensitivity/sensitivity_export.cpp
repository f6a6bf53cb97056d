// CSV and JSON of `entente analyze` (numbers in their shortest round-trip
// text; a missing value is an empty CSV field and a JSON null).
#include <cmath>
#include "analysis/writers/csv_field.hpp"
#include <sstream>

#include "analysis/sensitivity/sensitivity_writers.hpp"
#include "analysis/writers/number_format.hpp"

namespace entente::analysis {

namespace {

using ojson = nlohmann::ordered_json;

std::string num(double v) {
  return std::isfinite(v) ? format_number(v) : std::string();
}

ojson jnum(double v) {
  return std::isfinite(v) ? ojson(v) : ojson(nullptr);
}

ojson jestimate(const Estimate& e) {
  return ojson{{"estimate", jnum(e.value)}, {"lo", jnum(e.lo)}, {"hi", jnum(e.hi)}};
}

ojson jinterval(std::size_t bootstrap, double confidence, std::uint64_t seed) {
  return ojson{
      {"method", "bootstrap percentile"}, {"confidence", confidence}, {"resamples", bootstrap}, {"seed", seed}};
}

}  // namespace

std::string sobol_csv(const SobolResult& r) {
  std::ostringstream out;
  out << "index,parameter,parameter2,estimate,ci_lo,ci_hi\n";
  auto row = [&](const char* index, const std::string& a, const std::string& b, const Estimate& e) {
    out << index << ',' << csv_field(a) << ',' << csv_field(b) << ',' << num(e.value) << ',' << num(e.lo) << ','
        << num(e.hi) << '\n';
  };
  for (std::size_t i = 0; i < r.names.size(); ++i) row("S1", r.names[i], "", r.first[i]);
  for (std::size_t i = 0; i < r.names.size(); ++i) row("ST", r.names[i], "", r.total[i]);
  for (const auto& p : r.second) row("S2", r.names[p.i], r.names[p.j], p.s2);
  return out.str();
}

ojson sobol_json(const SobolResult& r) {
  ojson j;
  j["analysis"] = "sobol";
  j["response"] = r.response;
  j["parameters"] = r.names;
  j["base_samples"] = r.base_samples;
  j["points"] = r.base_samples * saltelli_block_size(r.names.size(), r.second_order);
  j["second_order"] = r.second_order;
  j["mean"] = jnum(r.mean);
  j["variance"] = jnum(r.variance);
  j["interval"] = jinterval(r.bootstrap, r.confidence, r.seed);
  ojson indices = ojson::array();
  for (std::size_t i = 0; i < r.names.size(); ++i)
    indices.push_back(ojson{{"parameter", r.names[i]}, {"S1", jestimate(r.first[i])}, {"ST", jestimate(r.total[i])}});
  j["indices"] = std::move(indices);
  if (r.second_order) {
    ojson pairs = ojson::array();
    for (const auto& p : r.second)
      pairs.push_back(ojson{{"parameters", {r.names[p.i], r.names[p.j]}}, {"S2", jestimate(p.s2)}});
    j["second_order_indices"] = std::move(pairs);
  }
  return j;
}

std::string morris_csv(const MorrisResult& r) {
  std::ostringstream out;
  out << "parameter,mu,mu_star,mu_star_lo,mu_star_hi,sigma,effects\n";
  for (const auto& e : r.effects)
    out << csv_field(e.name) << ',' << num(e.mu) << ',' << num(e.mu_star.value) << ',' << num(e.mu_star.lo) << ','
        << num(e.mu_star.hi) << ',' << num(e.sigma) << ',' << e.effects << '\n';
  return out.str();
}

ojson morris_json(const MorrisResult& r) {
  ojson j;
  j["analysis"] = "morris";
  j["response"] = r.response;
  j["trajectories"] = r.trajectories;
  j["steps_from"] = r.steps_from_unit ? "unit coordinates" : "x range in the design";
  j["interval"] = jinterval(r.bootstrap, r.confidence, r.seed);
  ojson effects = ojson::array();
  for (const auto& e : r.effects)
    effects.push_back(ojson{{"parameter", e.name},
                            {"mu", jnum(e.mu)},
                            {"mu_star", jestimate(e.mu_star)},
                            {"sigma", jnum(e.sigma)},
                            {"effects", e.effects}});
  j["effects"] = std::move(effects);
  ojson ranking = ojson::array();
  for (std::size_t i : r.ranking()) ranking.push_back(r.effects[i].name);
  j["ranking"] = std::move(ranking);
  return j;
}

std::string prim_csv(const PrimResult& r) {
  std::ostringstream out;
  out << "box,step,coverage,density,mass,points,hits,restricted";
  for (const auto& n : r.names) out << ',' << csv_field(n + "_min") << ',' << csv_field(n + "_max");
  out << '\n';
  auto row = [&](const char* kind, std::size_t step, const PrimBox& b) {
    out << kind << ',' << step << ',' << num(b.coverage) << ',' << num(b.density) << ',' << num(b.mass) << ','
        << b.points << ',' << b.hits << ',' << b.restricted;
    for (std::size_t d = 0; d < r.names.size(); ++d) out << ',' << num(b.lower[d]) << ',' << num(b.upper[d]);
    out << '\n';
  };
  for (std::size_t s = 0; s < r.trajectory.size(); ++s) row("peel", s, r.trajectory[s]);
  row("chosen", r.chosen_step, r.chosen);
  return out.str();
}

ojson prim_json(const PrimResult& r) {
  auto box_json = [&](const PrimBox& b) {
    ojson j{{"coverage", b.coverage}, {"density", b.density}, {"mass", b.mass},
            {"points", b.points},     {"hits", b.hits},       {"restricted", b.restricted}};
    ojson limits = ojson::array();
    for (std::size_t d = 0; d < r.names.size(); ++d)
      if (r.restricted(b, d))
        limits.push_back(ojson{{"parameter", r.names[d]},
                               {"min", r.lower_restricted(b, d) ? ojson(b.lower[d]) : ojson(nullptr)},
                               {"max", r.upper_restricted(b, d) ? ojson(b.upper[d]) : ojson(nullptr)}});
    j["limits"] = std::move(limits);
    return j;
  };
  ojson j;
  j["analysis"] = "prim";
  j["response"] = r.response;
  j["condition"] = r.condition;
  j["points"] = r.n;
  j["of_interest"] = r.interesting;
  j["options"] = ojson{{"peel_alpha", r.options.peel_alpha},
                       {"paste_alpha", r.options.paste_alpha},
                       {"mass_min", r.options.mass_min},
                       {"threshold", r.options.threshold}};
  ojson range = ojson::array();
  for (std::size_t d = 0; d < r.names.size(); ++d)
    range.push_back(ojson{{"parameter", r.names[d]}, {"min", r.data_lower[d]}, {"max", r.data_upper[d]}});
  j["data_range"] = std::move(range);
  ojson traj = ojson::array();
  for (std::size_t s = 0; s < r.trajectory.size(); ++s) {
    ojson b{{"step", s}};
    b.update(box_json(r.trajectory[s]));
    traj.push_back(std::move(b));
  }
  j["trajectory"] = std::move(traj);
  ojson chosen{{"step", r.chosen_step}, {"meets_threshold", r.chosen_meets_threshold}, {"pastes", r.pastes}};
  chosen.update(box_json(r.chosen));
  j["chosen"] = std::move(chosen);
  return j;
}

}  // namespace entente::analysis
