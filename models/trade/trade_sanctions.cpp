// TradeSanctions — gravity shares with sanction wedges.
//
// Per channel k and step (docs/models/trade_sanctions.md):
//   G_ij   = X_ij(0) (Y_i Y_j / Y_i(0) Y_j(0))^gamma                 gravity baseline
//   Wp_ij  = sum over primary levers l covering i->j of beta_l (L_l - B_l), B_l the
//            lever's baseline_intensity that the start-year flows reflect (sanctions, export
//            controls, investment screening, tariffs), plus -D_l for energy
//            diversification, D_l(t+dt) = D_l + rate L_l dt
//   Ws_ij  = sum over secondary-sanction levers of beta_l (L_l - B_l) on flows
//            between the target and third countries (actors that sanction the
//            target neither through this lever's coalition nor another lever), both ways
//   Xw_ij  = G_ij exp(Wp_ij + Ws_ij)
//   lost_i = sum_j (G_ij - G_ij exp(Wp_ij))  over flows a primary lever cuts
//   i's lost trade re-routes to the partners no primary lever cuts, in
//   proportion to G_ij exp(Ws_ij), scaled by sigma_k and by how much of
//   those partners' trade secondary sanctions leave (min(1, A/B) below, so
//   eased secondary sanctions never re-route more than sigma_k); the same for
//   lost imports.
//   X*_ij  = Xw_ij + diverted_ij
// Ws also carries supply_wedge (the Supply component: supply levers of the
// exporter, the dual-use channel's capacity), not counted as lost trade.
// Swing actors' sides (west_side, Alignment) feed both: a swing actor on the
// West's side takes a share a of re-routed trade less (absorption weight
// 1 - a w_j) and complies more with secondary sanctions (wedge times
// 1 + c w_j), so partnerships with India, Kazakhstan and the Global South
// narrow the target's outlets (seed 000: make it harder for China and Russia
// to win third countries; docs/models/trade_sanctions.md, Swing actors).
//   X(t+1) = X(t)^(1-r) X*^r,  r = 1 - (1 - rho)^dt    (partial adjustment)
// Channels energy, goods, technology, arms and credit; the payments channel
// belongs to Payments. The coalition of a lever is who applies it this step
// (RunState::participates, gated by AllianceCohesion); arms and technology
// flows into j scale with import_need_j (PowerArms).
// GDP drag: drag_t = m * net lost exports / Y (a level effect, capped at
// 0.5), published in gdp_drag for PowerArms, which owns GDP.
// Sources: Head & Mayer 2014 (gravity), Felbermayr et al. 2020 (GSDB),
// Crozet & Hinz 2020 (lost exports 2014-15), EBRD 2023 (re-routing).
#include "models/trade/trade_sanctions.hpp"

#include <algorithm>
#include <cmath>

#include "sim/engine/run_state.hpp"
#include "sim/model/series_name.hpp"
#include "sim/scenario/compiled.hpp"

namespace entente {

namespace {

// Energy, goods, technology, arms and credit; payments is Payments' channel.
constexpr std::size_t kFlowChannels = static_cast<std::size_t>(Channel::kPayments);

enum class Out { kTrade, kTradeChannel, kBilateral, kExports, kImports, kExportLoss, kLeakage };

struct OutputRequest {
  Out kind;
  std::size_t a = 0, b = 0, channel = 0, slot = 0;
};

// A lever's role in this component.
enum class Role { kNone, kPrimaryBoth, kPrimaryOut, kPrimaryIn, kSecondary, kDiversification };

Role role_of(LeverKind k) {
  switch (k) {
    case LeverKind::kSanctions: return Role::kPrimaryBoth;
    case LeverKind::kInvestmentScreening: return Role::kPrimaryBoth;
    case LeverKind::kExportControls: return Role::kPrimaryOut;  // coalition -> target
    case LeverKind::kTariffs: return Role::kPrimaryIn;          // target -> coalition
    case LeverKind::kSecondarySanctions: return Role::kSecondary;
    case LeverKind::kEnergyDiversification: return Role::kDiversification;
    default: return Role::kNone;
  }
}

class TradeSanctions final : public Model {
 public:
  TradeSanctions(const CompiledScenario& sc, const ModelParams& p) : sc_(sc), n_(sc.n_actors) {
    gamma_ = p.at("gdp_elasticity");
    rho_ = p.at("adjustment_rate");
    drag_ = p.at("gdp_drag");
    div_rate_ = p.at("diversification_rate");
    aligned_absorption_ = p.at("aligned_absorption");
    aligned_compliance_ = p.at("aligned_compliance");
    beta_[LeverKind::kSanctions] = p.at("sanctions_elasticity");
    beta_[LeverKind::kExportControls] = p.at("export_controls_elasticity");
    beta_[LeverKind::kInvestmentScreening] = p.at("investment_screening_elasticity");
    beta_[LeverKind::kTariffs] = p.at("tariffs_elasticity");
    beta_[LeverKind::kSecondarySanctions] = p.at("secondary_sanctions_elasticity");
    for (std::size_t k = 0; k < kFlowChannels; ++k)
      sigma_[k] = p.at("substitution_" + std::string(channel_name(static_cast<Channel>(k))));
    alliance_.resize(n_);
    swing_.resize(n_);
    // Sides exist only where Alignment (the writer of west_side) runs; without
    // it west_side stays at its neutral 0.5 and must not count as a side.
    bool sides = false;
    for (const auto& m : sc.spec.models) sides = sides || m.name == "Alignment";
    for (std::size_t i = 0; i < n_; ++i) {
      alliance_[i] = sc.spec.actors[i].kind == ActorKind::kAlliance;
      swing_[i] = sides && sc.spec.actors[i].swing && !alliance_[i];
    }
    for (std::size_t l = 0; l < sc.levers.size(); ++l) {
      const Role r = role_of(sc.levers[l].kind);
      if (r == Role::kNone) continue;
      if (r == Role::kDiversification) diversification_levers_.push_back(l);
      levers_.push_back({l, r});
    }
  }

  bool bind_output(std::string_view series, std::size_t slot, std::string& error) override {
    const SeriesName s = split_series(series);
    auto actor = [&](std::size_t i) { return series_actor(sc_, s, i, error); };
    const std::size_t np = s.parts.size();
    OutputRequest r{Out::kTrade, 0, 0, 0, slot};
    if ((s.family == "trade" && (np == 2 || np == 3)) || (s.family == "bilateral_trade" && np == 2)) {
      auto a = actor(0);
      auto b = a ? actor(1) : std::nullopt;
      if (!a || !b) return false;
      if (np == 3) {
        auto c = series_channel(s, 2, error);
        if (!c) return false;
        r = {Out::kTradeChannel, *a, *b, static_cast<std::size_t>(*c), slot};
      } else {
        r = {s.family == "trade" ? Out::kTrade : Out::kBilateral, *a, *b, 0, slot};
      }
    } else if ((s.family == "exports" || s.family == "imports" || s.family == "export_loss" ||
                s.family == "leakage") &&
               np == 1) {
      auto a = actor(0);
      if (!a) return false;
      const Out k = s.family == "exports"  ? Out::kExports
                    : s.family == "imports" ? Out::kImports
                    : s.family == "export_loss" ? Out::kExportLoss
                                                : Out::kLeakage;
      r = {k, *a, 0, 0, slot};
    } else {
      return false;
    }
    requests_.push_back(r);
    return true;
  }

  // Layout: predicted exports[n], lost[n], diverted[n], D per diversification lever.
  std::size_t state_size() const override { return 3 * n_ + diversification_levers_.size(); }

  void initialize(RunState& s, std::size_t off) const override {
    std::fill(s.model_state.begin() + static_cast<std::ptrdiff_t>(off),
              s.model_state.begin() + static_cast<std::ptrdiff_t>(off + state_size()), 0.0);
    double* pred = &s.model_state[off];
    for (std::size_t i = 0; i < n_; ++i) pred[i] = trade_exports(s, i);
    write_outputs(s, off);
  }

  void step(RunState& s, std::size_t off) const override {
    const double dt = s.dt;
    double* pred = &s.model_state[off];
    double* lost = &s.model_state[off + n_];
    double* diverted = &s.model_state[off + 2 * n_];
    double* div_stock = &s.model_state[off + 3 * n_];
    thread_local std::vector<std::vector<std::size_t>> third;  // per lever use
    find_third_countries(s, third);
    // Side factors of this step: only swing actors have a side to change;
    // everyone else absorbs and evades as in the start year.
    thread_local std::vector<double> absorb, comply;
    absorb.assign(n_, 1.0);
    comply.assign(n_, 1.0);
    {
      const double a = std::clamp(s.sampled[aligned_absorption_.slot], 0.0, 1.0);
      const double c = std::max(0.0, s.sampled[aligned_compliance_.slot]);
      for (std::size_t j = 0; j < n_; ++j) {
        if (!swing_[j]) continue;
        const double w = std::clamp(s.west_side[j], 0.0, 1.0);
        absorb[j] = 1.0 - a * w;
        comply[j] = 1.0 + c * w;
      }
    }
    for (std::size_t d = 0; d < diversification_levers_.size(); ++d) {
      const std::size_t l = diversification_levers_[d];
      const double rate = sc_.levers[l].effect_slot ? s.sampled[*sc_.levers[l].effect_slot] : s.sampled[div_rate_.slot];
      div_stock[d] += rate * s.lever_intensity[l] * dt;
    }

    const double gamma = s.sampled[gamma_.slot];
    const double rho = s.sampled[rho_.slot];
    const double r = 1.0 - std::pow(1.0 - rho, dt);
    const std::size_t nn = n_ * n_;
    thread_local std::vector<double> G, Wp, Ws, target;
    G.resize(nn);
    Wp.resize(nn);
    Ws.resize(nn);
    target.resize(nn);
    std::fill(lost, lost + n_, 0.0);
    std::fill(diverted, diverted + n_, 0.0);
    std::fill(pred, pred + n_, 0.0);

    for (std::size_t k = 0; k < kFlowChannels; ++k) {
      const Channel ch = static_cast<Channel>(k);
      const bool needs = ch == Channel::kArms || ch == Channel::kTechnology;
      for (std::size_t i = 0; i < n_; ++i) {
        for (std::size_t j = 0; j < n_; ++j) {
          const double x0 = s.flows_initial[s.flow_index(k, i, j)];
          G[i * n_ + j] = x0 > 0 ? x0 * std::pow(s.gdp[i] * s.gdp[j] / (s.gdp_initial[i] * s.gdp_initial[j]), gamma) *
                                       (needs ? s.import_need[j] : 1.0)
                                 : 0.0;
        }
      }
      std::fill(Wp.begin(), Wp.end(), 0.0);
      std::fill(Ws.begin(), Ws.end(), 0.0);
      fill_wedges(s, ch, div_stock, third, comply, Wp, Ws);

      // Target flows before diversion, and what each actor loses to primary wedges.
      thread_local std::vector<double> lost_out, lost_in;
      lost_out.assign(n_, 0.0);
      lost_in.assign(n_, 0.0);
      for (std::size_t i = 0; i < n_; ++i) {
        for (std::size_t j = 0; j < n_; ++j) {
          const std::size_t ij = i * n_ + j;
          // Most pairs trade nothing in a channel: skip their exponentials
          // (the result, 0, is the same).
          if (G[ij] == 0.0) {
            target[ij] = 0.0;
            continue;
          }
          target[ij] = G[ij] * std::exp(Wp[ij] + Ws[ij]);
          const double cut = G[ij] * (1.0 - std::exp(std::min(0.0, Wp[ij])));
          lost_out[i] += cut;
          lost_in[j] += cut;
        }
      }
      const double sigma = s.sampled[sigma_[k].slot];
      for (std::size_t t = 0; t < n_; ++t) {
        if (lost_out[t] > 0) {
          const double d = divert(t, lost_out[t] * sigma, true, s, absorb, G, Wp, Ws, target);
          if (is_trade_channel(ch)) {
            lost[t] += lost_out[t];
            diverted[t] += d;
          }
        }
        if (lost_in[t] > 0) divert(t, lost_in[t] * sigma, false, s, absorb, G, Wp, Ws, target);
      }

      for (std::size_t i = 0; i < n_; ++i) {
        for (std::size_t j = 0; j < n_; ++j) {
          double& x = s.flows[s.flow_index(k, i, j)];
          const double xs = target[i * n_ + j];
          x = (x > 0 && xs > 0) ? std::pow(x, 1.0 - r) * std::pow(xs, r) : (1.0 - r) * x + r * xs;
          if (is_trade_channel(ch)) pred[i] += G[i * n_ + j];
        }
      }
    }

    // GDP drag of net lost exports, as a level effect relative to trend;
    // PowerArms applies it to GDP.
    const double m = s.sampled[drag_.slot];
    for (std::size_t i = 0; i < n_; ++i) {
      if (alliance_[i]) continue;
      const double net_loss = std::max(0.0, pred[i] - trade_exports(s, i));
      s.gdp_drag[i] = s.gdp[i] > 0 ? std::min(0.5, m * net_loss / s.gdp[i]) : 0.0;
    }
    write_outputs(s, off);
  }

 private:
  struct LeverUse {
    std::size_t lever;
    Role role;
  };

  static bool is_primary(Role r) { return r == Role::kPrimaryBoth || r == Role::kPrimaryOut || r == Role::kPrimaryIn; }

  bool applies(const RunState& s, std::size_t lever, std::size_t actor) const {
    return s.participates[lever * n_ + actor] != 0;
  }

  // Third countries of each secondary-sanctions lever this step: neither its
  // target nor anyone applying a primary lever on that target now (a member
  // that left a coalition becomes a third country).
  void find_third_countries(const RunState& s, std::vector<std::vector<std::size_t>>& third_of) const {
    third_of.resize(levers_.size());
    for (std::size_t u = 0; u < levers_.size(); ++u) {
      auto& third = third_of[u];
      third.clear();
      if (levers_[u].role != Role::kSecondary) continue;
      const CompiledLever& lv = sc_.levers[levers_[u].lever];
      for (std::size_t j = 0; j < n_; ++j) {
        bool sender = j == lv.target || alliance_[j] || applies(s, levers_[u].lever, j);
        for (const auto& other : levers_)
          if (is_primary(other.role) && sc_.levers[other.lever].target == lv.target && applies(s, other.lever, j))
            sender = true;
        if (!sender) third.push_back(j);
      }
    }
  }

  double beta_of(const RunState& s, std::size_t l) const {
    const CompiledLever& lv = sc_.levers[l];
    if (lv.effect_slot) return s.sampled[*lv.effect_slot];
    return s.sampled[beta_.at(lv.kind).slot];
  }

  void fill_wedges(const RunState& s, Channel ch, const double* div_stock,
                   const std::vector<std::vector<std::size_t>>& third, const std::vector<double>& comply,
                   std::vector<double>& Wp, std::vector<double>& Ws) const {
    // Supply conditions that are the supplier's own choice or capacity (the
    // Supply component: the other side's supply levers, the dual-use
    // channel): like the secondary wedge, not counted as lost trade. Written
    // by Supply after this component, so it acts from the next step.
    const double* sw = &s.supply_wedge[static_cast<std::size_t>(ch) * n_ * n_];
    for (std::size_t ij = 0; ij < n_ * n_; ++ij) Ws[ij] += sw[ij];
    std::size_t d = 0;
    for (std::size_t u = 0; u < levers_.size(); ++u) {
      const LeverUse& use = levers_[u];
      const CompiledLever& lv = sc_.levers[use.lever];
      const double L = s.lever_intensity[use.lever];
      if (use.role == Role::kDiversification) {
        const double stock = div_stock[d++];
        if (!lv.covers(ch) || stock <= 0) continue;
        for (std::size_t c : lv.coalition)
          if (applies(s, use.lever, c)) Wp[lv.target * n_ + c] -= stock;  // target's sales to the coalition
        continue;
      }
      // The start year's flows already reflect the lever's baseline
      // intensity (e.g. sanctions in force then), so the wedge acts on the
      // change from it.
      const double dL = L - lv.baseline_intensity;
      if (!lv.covers(ch) || dL == 0) continue;
      const double w = beta_of(s, use.lever) * dL;
      const std::size_t t = lv.target;
      if (use.role == Role::kSecondary) {
        // Third countries' trade with the target, both ways: their banks
        // risk being cut off whether they finance sales or purchases.
        // A third country on the West's side complies more (comply_j > 1).
        for (std::size_t j : third[u]) {
          Ws[j * n_ + t] += w * comply[j];
          Ws[t * n_ + j] += w * comply[j];
        }
        continue;
      }
      for (std::size_t c : lv.coalition) {
        if (!applies(s, use.lever, c)) continue;
        if (use.role == Role::kPrimaryBoth || use.role == Role::kPrimaryOut) Wp[c * n_ + t] += w;
        if (use.role == Role::kPrimaryBoth || use.role == Role::kPrimaryIn) Wp[t * n_ + c] += w;
      }
    }
  }

  // Re-route `amount` of actor t's lost exports (outbound) or imports to the
  // partners that no primary lever cuts, each weighted by its absorption
  // (below 1 for a swing actor on the West's side: it takes less of the
  // re-routed trade, and what it declines is not re-routed elsewhere, as the
  // scale min(1, open/base) keeps the base weight at the start-year ties).
  // Returns what was re-routed.
  double divert(std::size_t t, double amount, bool outbound, const RunState& s, const std::vector<double>& absorb,
                const std::vector<double>& G,
                const std::vector<double>& Wp, const std::vector<double>& Ws, std::vector<double>& target) const {
    double open_weight = 0, base_weight = 0;
    for (std::size_t j = 0; j < n_; ++j) {
      if (j == t || alliance_[j]) continue;
      const std::size_t ij = outbound ? t * n_ + j : j * n_ + t;
      if (Wp[ij] < 0) continue;
      base_weight += G[ij];
      open_weight += G[ij] * absorb[j] * std::exp(Ws[ij]);
    }
    if (base_weight <= 0) {
      // No existing ties to non-senders: re-route by economic size, still
      // subject to the secondary wedge.
      for (std::size_t j = 0; j < n_; ++j) {
        if (j == t || alliance_[j]) continue;
        const std::size_t ij = outbound ? t * n_ + j : j * n_ + t;
        if (Wp[ij] < 0) continue;
        base_weight += s.gdp[j];
        open_weight += s.gdp[j] * absorb[j] * std::exp(Ws[ij]);
      }
      if (base_weight <= 0 || open_weight <= 0) return 0;
      const double total = amount * std::min(1.0, open_weight / base_weight);
      for (std::size_t j = 0; j < n_; ++j) {
        if (j == t || alliance_[j]) continue;
        const std::size_t ij = outbound ? t * n_ + j : j * n_ + t;
        if (Wp[ij] < 0) continue;
        target[ij] += total * s.gdp[j] * absorb[j] * std::exp(Ws[ij]) / open_weight;
      }
      return total;
    }
    if (open_weight <= 0) return 0;
    const double total = amount * std::min(1.0, open_weight / base_weight);
    for (std::size_t j = 0; j < n_; ++j) {
      if (j == t || alliance_[j]) continue;
      const std::size_t ij = outbound ? t * n_ + j : j * n_ + t;
      if (Wp[ij] < 0) continue;
      target[ij] += total * G[ij] * absorb[j] * std::exp(Ws[ij]) / open_weight;
    }
    return total;
  }

  double trade_exports(const RunState& s, std::size_t i) const {
    double x = 0;
    for (std::size_t j = 0; j < n_; ++j) x += s.trade_flow(i, j);
    return x;
  }

  void write_outputs(RunState& s, std::size_t off) const {
    const double* pred = &s.model_state[off];
    const double* lost = &s.model_state[off + n_];
    const double* diverted = &s.model_state[off + 2 * n_];
    for (const auto& r : requests_) {
      double v = 0;
      switch (r.kind) {
        case Out::kTrade: v = s.trade_flow(r.a, r.b); break;
        case Out::kTradeChannel: v = s.flow(r.channel, r.a, r.b); break;
        case Out::kBilateral: v = s.trade_flow(r.a, r.b) + s.trade_flow(r.b, r.a); break;
        case Out::kExports: v = trade_exports(s, r.a); break;
        case Out::kImports:
          for (std::size_t j = 0; j < n_; ++j) v += s.trade_flow(j, r.a);
          break;
        case Out::kExportLoss:
          v = pred[r.a] > 0 ? std::max(0.0, pred[r.a] - trade_exports(s, r.a)) / pred[r.a] : 0.0;
          break;
        case Out::kLeakage: v = lost[r.a] > 0 ? diverted[r.a] / lost[r.a] : 0.0; break;
      }
      s.series[r.slot] = v;
    }
  }

  const CompiledScenario& sc_;
  std::size_t n_;
  ParamHandle gamma_, rho_, drag_, div_rate_, aligned_absorption_, aligned_compliance_;
  std::map<LeverKind, ParamHandle> beta_;
  ParamHandle sigma_[kFlowChannels];
  std::vector<bool> alliance_, swing_;
  std::vector<LeverUse> levers_;
  std::vector<std::size_t> diversification_levers_;
  std::vector<OutputRequest> requests_;
};

}  // namespace

ModelInfo trade_sanctions_info() {
  ModelInfo info;
  info.name = "TradeSanctions";
  info.family = "trade";
  info.summary = "Gravity-scaled bilateral flows with sanction wedges, diversion to non-senders, partial adjustment";
  const std::string gsdb = "Felbermayr et al. 2020, Global Sanctions Data Base";
  info.params = {
      {"gdp_elasticity", 1.0, 0.0, 3.0, "1", "gamma: elasticity of a flow to the product of the partners' GDP",
       "Head & Mayer 2014, gravity estimates near unity"},
      {"adjustment_rate", 0.5, 0.01, 1.0, "1/year", "rho: share of the gap to the target flow closed per year",
       "assumption: most of a sanctions shock is absorbed within 1-2 years (China-Russia trade 2015-2018, shared/data)"},
      {"sanctions_elasticity", -1.2, -6.0, 0.0, "log points at intensity 1",
       "beta of 'sanctions' levers on covered coalition<->target flows", gsdb + "; Crozet & Hinz 2020"},
      {"export_controls_elasticity", -2.0, -6.0, 0.0, "log points at intensity 1",
       "beta of 'export_controls' levers on coalition->target flows", "assumption: controls bind harder than broad sanctions on technology (seed 000)"},
      {"investment_screening_elasticity", -1.0, -6.0, 0.0, "log points at intensity 1",
       "beta of 'investment_screening' levers on credit flows", "assumption (seed 000 recommends screening)"},
      {"tariffs_elasticity", -0.5, -6.0, 0.0, "log points at intensity 1",
       "beta of 'tariffs' levers on target->coalition flows", "Head & Mayer 2014, tariff elasticities"},
      {"secondary_sanctions_elasticity", -0.7, -6.0, 0.0, "log points at intensity 1",
       "beta of 'secondary_sanctions' on flows between the target and third countries, both ways",
       "assumption: observed 2023-24 payment frictions of third-country banks"},
      {"diversification_rate", 0.15, 0.0, 1.0, "1/year",
       "fall per year, at intensity 1, of the coalition's demand for the target's energy",
       "assumption: EU cut of Russian pipeline gas 2022-23"},
      {"gdp_drag", 0.5, 0.0, 3.0, "1", "m: GDP level lost per unit of net lost exports (share of GDP)",
       "assumption: import compression offsets part of the export loss"},
      {"aligned_absorption", 0.5, 0.0, 1.0, "1",
       "a: share by which a swing actor on the West's side cuts its absorption of the target's re-routed trade",
       "assumption: seed 000 (win third countries by engaging them as equals); India kept buying Russian oil while "
       "aligned with the US on China, so less than full (range docs/models/trade_sanctions.md)"},
      {"aligned_compliance", 1.0, 0.0, 3.0, "1",
       "c: extra compliance with secondary sanctions of a swing actor on the West's side (wedge times 1 + c)",
       "assumption: third countries that side with the West enforce US secondary sanctions more (UAE, Turkish and "
       "Kazakh banks' 2024 retreat under EO 14114); range docs/models/trade_sanctions.md"},
      {"substitution_energy", 0.6, 0.0, 1.0, "1", "sigma: share of lost energy trade re-routed to non-senders",
       "EBRD 2023, substitution above 50% for many products"},
      {"substitution_goods", 0.5, 0.0, 1.0, "1", "sigma for goods", "EBRD 2023"},
      {"substitution_technology", 0.3, 0.0, 1.0, "1", "sigma for technology", "assumption: controlled items are hard to source elsewhere"},
      {"substitution_arms", 0.2, 0.0, 1.0, "1", "sigma for arms", "assumption"},
      {"substitution_credit", 0.3, 0.0, 1.0, "1", "sigma for credit", "assumption"},
  };
  info.outputs = {
      {"trade.<from>.<to>", "trade flow from -> to over energy, goods, technology and arms"},
      {"trade.<from>.<to>.<channel>", "flow in one channel (any of the six)"},
      {"bilateral_trade.<a>.<b>", "trade a -> b plus b -> a"},
      {"exports.<actor>", "total trade exports"},
      {"imports.<actor>", "total trade imports"},
      {"export_loss.<actor>", "net lost exports as a share of the gravity prediction (cost of sanctions)"},
      {"leakage.<actor>", "share of the actor's lost exports re-routed to non-senders"},
  };
  info.reads = {"gdp", "flows", "lever_intensity", "participates", "import_need", "west_side", "supply_wedge"};
  info.writes = {"flows.trade_and_credit", "gdp_drag"};
  info.create = [](const CompiledScenario& sc, const ModelParams& p) { return std::make_unique<TradeSanctions>(sc, p); };
  return info;
}

}  // namespace entente
