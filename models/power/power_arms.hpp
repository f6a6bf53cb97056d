// PowerArms (MODEL.md component 6): GDP growth with shocks and the sanctions
// drag, Richardson arms dynamics between two sides in shares of GDP, a
// military stock and a composite capability, and the import need for arms
// and technology. See docs/models/power_arms.md for the equations,
// parameters and sources (Richardson 1960; Organski & Kugler 1980).
#pragma once
#include <array>
#include <vector>

#include "sim/model/model.hpp"

namespace entente {

ModelInfo power_arms_info();

// The two-actor Richardson system (Richardson 1960):
//   dM_1/dt = k_1 M_2 - a_1 M_1 + g_1,   dM_2/dt = k_2 M_1 - a_2 M_2 + g_2
// with reactions k >= 0, fatigues a >= 0 and grievances g.
struct RichardsonPair {
  double k1 = 0, k2 = 0;  // reaction to the rival's spending, 1/year
  double a1 = 0, a2 = 0;  // fatigue (cost of one's own spending), 1/year
  double g1 = 0, g2 = 0;  // grievance, spending units per year
};

// The continuous system converges to its fixed point from any start iff
// a1 a2 > k1 k2 (for k, a >= 0: the Jacobian has negative trace and positive
// determinant).
bool richardson_stable(double k1, double k2, double a1, double a2);

// One explicit (Euler) step of length dt, floored at 0 (spending is never
// negative): M_i + dt (k_i M_j - a_i M_i + g_i).
std::array<double, 2> richardson_step(const std::array<double, 2>& m, const RichardsonPair& p, double dt);

// The fixed point ((a2 g1 + k1 g2), (a1 g2 + k2 g1)) / (a1 a2 - k1 k2);
// meaningful (and reached) only when the system is stable.
std::array<double, 2> richardson_fixed_point(const RichardsonPair& p);

// Many actors on two sides, each reacting to the other side's total. The
// linear system is asymptotically stable iff every a_i > 0 on a side with a
// reaction and kappa_A kappa_B < 1, where kappa_S = sum over S of k_i / a_i
// (the spectral radius of diag(a)^-1 K is sqrt(kappa_A kappa_B)). For one
// actor per side this is a1 a2 > k1 k2. Returns true for a runaway race:
// kappa_A kappa_B >= 1 (an actor with a_i = 0 and k_i > 0 has an infinite gain).
bool richardson_runaway(const std::vector<double>& k_a, const std::vector<double>& a_a,
                        const std::vector<double>& k_b, const std::vector<double>& a_b);

}  // namespace entente
