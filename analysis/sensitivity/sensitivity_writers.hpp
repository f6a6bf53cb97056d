// What `entente analyze` prints and writes: terminal tables, CSV and JSON of
// Sobol indices, Morris effects and PRIM boxes. Formats: docs/sensitivity.md.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/sensitivity/morris_effects.hpp"
#include "analysis/sensitivity/prim.hpp"
#include "analysis/sensitivity/sobol_indices.hpp"

namespace entente::analysis {

// Parameters by ST descending, S1 and ST with intervals; S2 pairs when present.
std::string sobol_table(const SobolResult& r);
// index,parameter,parameter2,estimate,ci_lo,ci_hi (index S1, ST or S2; parameter2 only for S2)
std::string sobol_csv(const SobolResult& r);
nlohmann::ordered_json sobol_json(const SobolResult& r);

// Parameters by μ* descending.
std::string morris_table(const MorrisResult& r);
// parameter,mu,mu_star,mu_star_lo,mu_star_hi,sigma,effects (design order)
std::string morris_csv(const MorrisResult& r);
nlohmann::ordered_json morris_json(const MorrisResult& r);

// The peeling trajectory and the chosen (pasted) box with its limits.
std::string prim_table(const PrimResult& r);
// box,step,coverage,density,mass,points,hits,restricted,<name>_min,<name>_max...
// one "peel" row per trajectory box, then the "chosen" box after pasting.
std::string prim_csv(const PrimResult& r);
nlohmann::ordered_json prim_json(const PrimResult& r);

}  // namespace entente::analysis
