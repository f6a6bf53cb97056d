// Supply — supply-side wedges on the flow network (docs/models/supply.md).
//
// Per step, after TradeSanctions (it reads this step's flows; TradeSanctions
// adds the wedge at the next step, in its third-country wedge W^s: not
// counted as lost trade):
//   supply levers l (kind `supply`), owner's coalition c applying it, target
//   t (an alliance target: its members), each channel k the lever covers:
//     w[k, c, t] += beta_l (L_l - B_l)            beta_l: the lever's effect, else
//                                                  supply_elasticity (+ promotes, - restricts)
//   dual-use channel (roles supplier s, recipient r, west W):
//     T(t)  = sum over j in W of X_js in technology and credit (the West's
//             technology and capital reaching the supplier)
//     A     = (T / T(0))^theta exp(-psi sum_{screening levers on s} (L - B))
//             the supplier's access to Western components and know-how
//     C     = exp(-kappa sum_{secondary-sanction levers on r} (L - B))
//             the supplier's caution about secondary sanctions on this trade
//     f     = A C
//     w[technology, s, r] += ln(1 - d + d f)       d = dual_use_share
//     dual_use_sr = X_sr,technology d f / (1 - d + d f)   (shared field dual_use,
//             read by PowerArms for the recipient's capability and by Alignment)
//     dual_use_jr = X_jr,technology d for each j in W (the West's own dual-use
//             sales to the recipient, which export controls on it cut)
// Sources: seed 000 (export controls, investment screening and limits on tech
// collaboration reduce the value both draw; Russia gets through China
// technology it sourced from the West; dual-use technologies); seed 004 (the
// limits of Chinese support in the Ukraine war); seeds 001, 003 (arms sales).
#include "models/supply/supply.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"
#include "sim/scenario/series_name.hpp"

namespace entente {

double dual_use_wedge(double share, double capacity) {
  const double d = std::clamp(std::isfinite(share) ? share : 0.0, 0.0, 1.0);
  const double f = std::clamp(std::isfinite(capacity) ? capacity : 1.0, 0.0, 1e6);
  // At d = 1 and f = 0 the flow would vanish: keep a floor so the log stays finite.
  return std::log(std::max(1e-12, 1.0 - d + d * f));
}

namespace {

constexpr std::size_t kTech = static_cast<std::size_t>(Channel::kTechnology);
constexpr std::size_t kCredit = static_cast<std::size_t>(Channel::kCredit);
constexpr double kMaxWedge = 50.0;  // the shared field's bound
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

enum class Out { kDualUse, kCapacity };

struct OutputRequest {
  Out kind;
  std::size_t slot = 0;
};

class Supply final : public Model {
 public:
  Supply(const CompiledScenario& sc, const ModelParams& p) : sc_(sc), n_(sc.n_actors) {
    beta_ = p.at("supply_elasticity");
    share_ = p.at("dual_use_share");
    theta_ = p.at("western_content");
    psi_ = p.at("screening_transfer");
    kappa_ = p.at("secondary_caution");
    auto role = [&](const char* name) -> std::vector<std::size_t> {
      auto it = p.roles.find(name);
      return it == p.roles.end() ? std::vector<std::size_t>{} : it->second;
    };
    const auto sup = role("supplier"), rec = role("recipient");
    if (sup.size() == 1 && rec.size() == 1 && sup[0] != rec[0]) {
      supplier_ = sup[0];
      recipient_ = rec[0];
    }
    for (std::size_t w : role("west"))
      for (std::size_t m : sc.members_or_self(w))
        if (sc.spec.actors[m].kind != ActorKind::kAlliance && m != supplier_ && m != recipient_ &&
            std::find(west_.begin(), west_.end(), m) == west_.end())
          west_.push_back(m);
    for (std::size_t l = 0; l < sc.levers.size(); ++l) {
      const CompiledLever& lv = sc.levers[l];
      if (lv.kind == LeverKind::kSupply) {
        std::vector<std::size_t> to;
        for (std::size_t m : sc.members_or_self(lv.target))
          if (sc.spec.actors[m].kind != ActorKind::kAlliance) to.push_back(m);
        supply_.push_back({l, std::move(to)});
      }
      if (supplier_ == kNone) continue;
      if (lv.kind == LeverKind::kInvestmentScreening && lv.target == supplier_) screening_.push_back(l);
      if (lv.kind == LeverKind::kSecondarySanctions && lv.target == recipient_) secondary_.push_back(l);
    }
  }

  bool bind_output(std::string_view series, std::size_t slot, std::string& error) override {
    const SeriesName s = split_series(series);
    if (s.family != "dual_use" && s.family != "dual_use_capacity") return false;
    const bool pair = s.family == "dual_use";
    auto ids = series_actors(sc_, s, pair ? 2 : 1, error, {.roles = pair ? "supplier, recipient" : "supplier"});
    if (!ids) return false;
    if (supplier_ == kNone || (*ids)[0] != supplier_ || (pair && (*ids)[1] != recipient_)) {
      error = "'" + s.family + "' is reported for the Supply roles supplier and recipient only" +
              (supplier_ == kNone ? std::string(" (none are set)")
                                  : " (" + sc_.actor_ids[supplier_] + (pair ? "." + sc_.actor_ids[recipient_] : "") +
                                        ")");
      return false;
    }
    requests_.push_back({pair ? Out::kDualUse : Out::kCapacity, slot});
    return true;
  }

  // Layout: [0] the West's technology and credit into the supplier at the
  // start, [1] the capacity f applied last.
  std::size_t state_size() const override { return 2; }

  void initialize(RunState& s, std::size_t off) const override {
    double* st = &s.model_state[off];
    st[0] = supplier_ == kNone ? 0.0 : western_inflow(s.flows_initial);
    st[1] = 1.0;
    update(s, st);
  }

  void step(RunState& s, std::size_t off) const override { update(s, &s.model_state[off]); }

 private:
  struct SupplyLever {
    std::size_t lever;
    std::vector<std::size_t> targets;  // the target, or an alliance target's members
  };

  double western_inflow(const std::vector<double>& flows) const {
    double x = 0;
    for (std::size_t j : west_)
      x += flows[(kTech * n_ + j) * n_ + supplier_] + flows[(kCredit * n_ + j) * n_ + supplier_];
    return x;
  }

  double dL(const RunState& s, std::size_t l) const { return s.lever_intensity[l] - sc_.levers[l].baseline_intensity; }

  void update(RunState& s, double* st) const {
    std::fill(s.supply_wedge.begin(), s.supply_wedge.end(), 0.0);
    const std::size_t nn = n_ * n_;
    for (const auto& u : supply_) {
      const CompiledLever& lv = sc_.levers[u.lever];
      const double d = dL(s, u.lever);
      if (d == 0) continue;
      const double beta = lv.effect_slot ? s.sampled[*lv.effect_slot] : s.sampled[beta_.slot];
      for (std::size_t k = 0; k < kChannelCount; ++k) {
        if (!lv.covers(static_cast<Channel>(k)) || static_cast<Channel>(k) == Channel::kPayments) continue;
        for (std::size_t c : lv.coalition) {
          if (!s.participates[u.lever * n_ + c]) continue;
          for (std::size_t t : u.targets)
            if (t != c) s.supply_wedge[k * nn + c * n_ + t] += beta * d;
        }
      }
    }
    if (supplier_ != kNone) {
      const double t0 = st[0];
      const double theta = std::max(0.0, s.sampled[theta_.slot]);
      double access = 1.0;
      if (t0 > 0) access = std::pow(std::max(western_inflow(s.flows), 1e-12 * t0) / t0, theta);
      double screen = 0, second = 0;
      for (std::size_t l : screening_) screen += dL(s, l);
      for (std::size_t l : secondary_) second += dL(s, l);
      const double x = -std::max(0.0, s.sampled[psi_.slot]) * std::clamp(screen, -1.0, 1.0) -
                       std::max(0.0, s.sampled[kappa_.slot]) * std::clamp(second, -1.0, 1.0);
      double f = access * std::exp(std::clamp(x, -kMaxWedge, kMaxWedge));
      if (!std::isfinite(f)) f = 1.0;
      st[1] = f;
      s.supply_wedge[kTech * nn + supplier_ * n_ + recipient_] += dual_use_wedge(s.sampled[share_.slot], f);
    }
    for (double& w : s.supply_wedge) w = std::isfinite(w) ? std::clamp(w, -kMaxWedge, kMaxWedge) : 0.0;
    write_outputs(s, st);
  }

  // The dual-use part of today's supplier -> recipient technology flow, which
  // carries the capacity applied last (0 without the roles).
  double dual_use_flow(const RunState& s, const double* st) const {
    if (supplier_ == kNone) return 0.0;
    const double d = std::clamp(s.sampled[share_.slot], 0.0, 1.0), f = st[1];
    const double denom = 1.0 - d + d * f;
    const double v = denom > 0 ? s.flows[(kTech * n_ + supplier_) * n_ + recipient_] * d * f / denom : 0.0;
    return std::isfinite(v) ? std::max(0.0, v) : 0.0;
  }

  void write_outputs(RunState& s, const double* st) const {
    // The shared field: PowerArms reads it for the recipient's capability.
    std::fill(s.dual_use.begin(), s.dual_use.end(), 0.0);
    const double du = dual_use_flow(s, st);
    if (supplier_ != kNone) {
      s.dual_use[supplier_ * n_ + recipient_] = du;
      // The West's own technology sales to the recipient carry dual-use items
      // too, in the same share d and without the supplier's capacity factor:
      // export controls on the recipient cut them in TradeSanctions, so its
      // capability sees those controls as well as the supplier's substitute.
      const double d = std::clamp(s.sampled[share_.slot], 0.0, 1.0);
      for (std::size_t j : west_) {
        const double v = s.flows[(kTech * n_ + j) * n_ + recipient_] * d;
        s.dual_use[j * n_ + recipient_] = std::isfinite(v) ? std::max(0.0, v) : 0.0;
      }
    }
    for (const auto& r : requests_) {
      const double v = r.kind == Out::kDualUse ? du : st[1];
      s.series[r.slot] = std::isfinite(v) ? v : 0.0;
    }
  }

  const CompiledScenario& sc_;
  std::size_t n_;
  ParamHandle beta_, share_, theta_, psi_, kappa_;
  std::size_t supplier_ = kNone, recipient_ = kNone;
  std::vector<std::size_t> west_;
  std::vector<SupplyLever> supply_;
  std::vector<std::size_t> screening_, secondary_;
  std::vector<OutputRequest> requests_;
};

}  // namespace

ModelInfo supply_info() {
  ModelInfo info;
  info.name = "Supply";
  info.family = "supply";
  info.summary = "Supply-side wedges on the flows: the exporter's supply levers and the dual-use channel "
                 "(Western content, screening, caution about secondary sanctions)";
  info.params = {
      {"supply_elasticity", 0.5, -6.0, 6.0, "log points at intensity 1",
       "beta of 'supply' levers on the owner's flows to the target in the lever's channels (a lever's effect "
       "overrides it; + promotes, - restricts)",
       "assumption: a default only; the outlook gives each supply lever its own effect, argued in "
       "docs/models/supply.md"},
      {"dual_use_share", 0.0, 0.0, 1.0, "share",
       "d: dual-use part of the supplier -> recipient technology flow at the start (0: the channel is off)",
       "assumption: set by the scenario (docs/models/supply.md)"},
      {"western_content", 0.4, 0.0, 3.0, "1",
       "theta: elasticity of the supplier's dual-use capacity to the West's technology and credit reaching it",
       "seed 000: Russia gets through China technology it sourced from the West; range docs/models/supply.md"},
      {"screening_transfer", 0.2, 0.0, 3.0, "log points at intensity 1",
       "psi: cut of the supplier's capacity per unit of investment screening on it above its baseline",
       "seed 000 recommends investment screening to limit technology transfer; range docs/models/supply.md"},
      {"secondary_caution", 0.5, 0.0, 5.0, "log points at intensity 1",
       "kappa: cut of the dual-use capacity per unit of secondary sanctions on the recipient above baseline",
       "seed 000 (secondary sanctions); seed 004 (the limits of Chinese support); range docs/models/supply.md"},
  };
  info.roles = {
      {"supplier", "optional: the dual-use supplier, e.g. [china]", 0, 1, RoleActors::kNoAlliances},
      {"recipient", "optional: the dual-use recipient, e.g. [russia]", 0, 1, RoleActors::kNoAlliances},
      {"west", "optional: whose technology and credit reach the supplier, e.g. [nato]", 0, 64, RoleActors::kAny},
  };
  info.outputs = {
      {"dual_use.<supplier>.<recipient>", "dual-use part of the supplier's technology flow to the recipient, USD bn"},
      {"dual_use_capacity.<supplier>", "f: the supplier's dual-use capacity relative to the start (1 = unchanged)"},
  };
  info.reads = {"flows", "flows_initial", "lever_intensity", "participates"};
  info.writes = {"supply_wedge", "dual_use"};
  info.create = [](const CompiledScenario& sc, const ModelParams& p) { return std::make_unique<Supply>(sc, p); };
  return info;
}

}  // namespace entente
