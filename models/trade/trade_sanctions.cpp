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
// Absorptive capacity: a buyer j's re-routed inflow in channel k over a step
// is capped at kappa_jk M_jk, M_jk its imports of k in the network on the
// gravity path (sum_i G_ij); the excess goes to the other open partners with
// headroom in proportion to their weights, for a fixed number of passes, and
// what no one can absorb is lost (it stays in export_loss). Re-routed energy
// sells at a diversion discount delta (the Urals discount under the price
// cap): the value added to the buyer's flow is (1 - delta) times the volume.
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
// Energy is quantity x price: G of the energy channel carries P(t), the world
// energy price index (energy_price, EnergyMarket; 1 at the start year), and a
// change of P revalues this step's energy flows at once, before the partial
// adjustment, so volumes adjust at rate r and prices do not. Without
// EnergyMarket P stays 1 and every flow is the model's without prices, bit for bit.
// An exporter's GDP carries the energy rent r_i = P^epsilon_i (energy_rent,
// PowerArms); in its energy sales gravity uses Y_i / r_i, so the price is
// counted once, as P.
// Sources: Head & Mayer 2014 (gravity), Felbermayr et al. 2020 (GSDB),
// Crozet & Hinz 2020 (lost exports 2014-15), EBRD 2023 (re-routing).
#include "models/trade/trade_sanctions.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "models/energy/energy_market.hpp"
#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"
#include "sim/scenario/series_name.hpp"

namespace entente {

namespace {

// Energy, goods, technology, arms and credit; payments is Payments' channel.
constexpr std::size_t kFlowChannels = static_cast<std::size_t>(Channel::kPayments);

// An absorption ceiling at or above this multiple of the buyer's imports is
// no ceiling (the default): the step then takes the uncapped path, bit for
// bit the model without absorptive capacity.
constexpr double kNoCeiling = 1e6;
// Passes that hand a capped buyer's excess to partners with headroom; what is
// left after them is lost. Fixed, so every run does the same arithmetic.
constexpr int kAbsorptionPasses = 4;

enum class Out { kTrade, kTradeChannel, kBilateral, kExports, kImports, kExportLoss, kLeakage };

struct OutputRequest {
  Out kind;
  std::size_t a = 0, b = 0, channel = 0, slot = 0;
};

// A lever's role in this component.
enum class Role { kNone, kPrimaryBoth, kPrimaryOut, kPrimaryIn, kSecondary, kDiversification };

// exp(w), without calling exp for the common w == 0 (no secondary wedge):
// exp(0) is exactly 1, so the result is the same bits.
inline double exp_or_one(double w) { return w == 0.0 ? 1.0 : std::exp(w); }

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
    discount_energy_ = p.at("diversion_discount_energy");
    capacity_energy_ = p.at("capacity_rerouting_energy");
    beta_[LeverKind::kSanctions] = p.at("sanctions_elasticity");
    beta_[LeverKind::kExportControls] = p.at("export_controls_elasticity");
    beta_[LeverKind::kInvestmentScreening] = p.at("investment_screening_elasticity");
    beta_[LeverKind::kTariffs] = p.at("tariffs_elasticity");
    beta_[LeverKind::kSecondarySanctions] = p.at("secondary_sanctions_elasticity");
    for (std::size_t k = 0; k < kFlowChannels; ++k) {
      sigma_[k] = p.at("substitution_" + std::string(channel_name(static_cast<Channel>(k))));
      cap_[k] = p.actor("absorption_cap_" + std::string(channel_name(static_cast<Channel>(k))));
    }
    alliance_.resize(n_);
    swing_.resize(n_);
    // Sides exist only where Alignment (the writer of west_side) runs; without
    // it west_side stays at its neutral 0.5 and must not count as a side.
    bool sides = false;
    for (const auto& m : sc.spec.models) sides = sides || m.name == "Alignment";
    for (std::size_t i = 0; i < n_; ++i) {
      alliance_[i] = sc.spec.actors[i].kind == ActorKind::kAlliance;
      swing_[i] = sides && sc.spec.actors[i].swing && !alliance_[i];
      if (!alliance_[i]) partners_.push_back(static_cast<std::uint32_t>(i));
    }
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t j = 0; j < n_; ++j) {
        row_of_.push_back(static_cast<std::uint32_t>(i));
        col_of_.push_back(static_cast<std::uint32_t>(j));
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

  // Layout: predicted exports[n], lost[n], diverted[n], D per diversification
  // lever, then the live masks: per channel, which pairs have carried a flow
  // or a target in this run, 32 pairs to a double (an exact integer below
  // 2^32, so the numeric guard sees a finite value). A step visits those
  // pairs alone; every other pair's flow is 0 and stays 0. Last, the energy
  // price the flows were valued at in the step before.
  std::size_t state_size() const override { return price_offset() + 1; }

  void initialize(RunState& s, std::size_t off) const override {
    std::fill(s.model_state.begin() + static_cast<std::ptrdiff_t>(off),
              s.model_state.begin() + static_cast<std::ptrdiff_t>(off + state_size()), 0.0);
    double* pred = &s.model_state[off];
    for (std::size_t i = 0; i < n_; ++i) pred[i] = trade_exports(s, i);
    // Live from the start: every pair with a start-year flow (the gravity
    // candidates, since G_ij is 0 without X_ij(0)) or a flow already.
    const std::size_t nn = n_ * n_;
    for (std::size_t k = 0; k < kFlowChannels; ++k) {
      double* live = &s.model_state[off + live_offset() + k * mask_words()];
      const double* x0 = &s.flows_initial[s.flow_index(k, 0, 0)];
      const double* x = &s.flows[s.flow_index(k, 0, 0)];
      for (std::size_t ij = 0; ij < nn; ++ij)
        if (x0[ij] != 0.0 || x[ij] != 0.0) mark_live(live, ij);
    }
    s.model_state[off + price_offset()] = energy_price(s);
    write_outputs(s, off);
  }

  void step(RunState& s, std::size_t off) const override {
    const double dt = s.dt;
    double* pred = &s.model_state[off];
    double* lost = &s.model_state[off + n_];
    double* diverted = &s.model_state[off + 2 * n_];
    double* div_stock = &s.model_state[off + 3 * n_];
    const std::size_t nn = n_ * n_;
    Scratch& w = scratch(nn, n_);
    find_third_countries(s, w.third);
    // Side factors of this step: only swing actors have a side to change;
    // everyone else absorbs and evades as in the start year.
    std::fill(w.absorb.begin(), w.absorb.end(), 1.0);
    std::fill(w.comply.begin(), w.comply.end(), 1.0);
    {
      const double a = std::clamp(s.sampled[aligned_absorption_.slot], 0.0, 1.0);
      const double c = std::max(0.0, s.sampled[aligned_compliance_.slot]);
      for (std::size_t j = 0; j < n_; ++j) {
        if (!swing_[j]) continue;
        const double side = std::clamp(s.west_side[j], 0.0, 1.0);
        w.absorb[j] = 1.0 - a * side;
        w.comply[j] = 1.0 + c * side;
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
    double* G = w.G.data();
    double* target = w.target.data();
    double* Wp = w.Wp.data();
    double* Ws = w.Ws.data();
    double* lost_out = w.lost_out.data();
    double* lost_in = w.lost_in.data();
    std::uint32_t* pairs = w.pairs.data();
    std::fill(lost, lost + n_, 0.0);
    std::fill(diverted, diverted + n_, 0.0);
    std::fill(pred, pred + n_, 0.0);
    // Gravity factored by actor: (Y_i Y_j / Y_i(0) Y_j(0))^gamma = g_i g_j with
    // g_i = (Y_i / Y_i(0))^gamma, one pow per actor and step instead of one
    // per pair and channel (the product differs from the pair's own pow in the
    // last bits only: docs/performance.md, "Tolerance").
    double* growth = w.growth.data();
    for (std::size_t i = 0; i < n_; ++i) growth[i] = std::pow(s.gdp[i] / s.gdp_initial[i], gamma);
    // The exporter's factor in energy sales, without its energy rent.
    double* growth_no_rent = w.growth_no_rent.data();
    for (std::size_t i = 0; i < n_; ++i)
      growth_no_rent[i] = s.energy_rent[i] == 1.0 || !(s.energy_rent[i] > 0)
                              ? growth[i]
                              : std::pow(s.gdp[i] / (s.gdp_initial[i] * s.energy_rent[i]), gamma);
    // This step's energy price, and its change since the flows were valued.
    const double price = energy_price(s);
    const double revalue = price / s.model_state[off + price_offset()];
    s.model_state[off + price_offset()] = price;

    // Scratch arrays are all 0 between channels; each channel writes only the
    // pairs it visits and clears them before the next.
    w.dirty = true;
    for (std::size_t k = 0; k < kFlowChannels; ++k) {
      const Channel ch = static_cast<Channel>(k);
      const bool needs = ch == Channel::kArms || ch == Channel::kTechnology;
      const bool trade = is_trade_channel(ch);
      double* live = &s.model_state[off + live_offset() + k * mask_words()];
      const double* x0 = &s.flows_initial[s.flow_index(k, 0, 0)];
      // Gravity where the start year has a flow (all such pairs are live),
      // in ascending (i, j) as before: pred adds the same terms in the same
      // order (the pairs skipped added exactly 0).
      // The channel's live mask as integers while the channel is in hand
      // (diversion adds pairs to it), written back to the state at its end.
      std::uint32_t* mask = w.mask.data();
      for (std::size_t wd = 0; wd < mask_words(); ++wd) mask[wd] = static_cast<std::uint32_t>(live[wd]);
      std::size_t n_live = live_pairs(mask, pairs);
      const bool energy = ch == Channel::kEnergy;
      if (energy && revalue != 1.0) {
        double* x = &s.flows[s.flow_index(k, 0, 0)];
        for (std::size_t q = 0; q < n_live; ++q) x[pairs[q]] *= revalue;
      }
      const double channel_price = energy ? price : 1.0;  // x 1.0 is exact: the old bits without a market
      // Absorption ceilings of this channel: kappa_j below kNoCeiling for at
      // least one buyer switches the capped re-routing on; M_j, the buyer's
      // imports of the channel on the gravity path, is summed with G below.
      double* ceiling = w.ceiling.data();
      w.capped = false;
      for (const std::uint32_t j : partners_) w.capped = w.capped || s.sampled[cap_[k][j].slot] < kNoCeiling;
      double* imports = w.imports.data();
      if (w.capped) std::fill(imports, imports + n_, 0.0);
      for (std::size_t q = 0; q < n_live; ++q) {
        const std::size_t ij = pairs[q];
        if (!(x0[ij] > 0)) continue;
        const std::size_t i = row_of_[ij], j = col_of_[ij];
        const double g = x0[ij] * ((energy ? growth_no_rent[i] : growth[i]) * growth[j]) *
                         (needs ? s.import_need[j] : 1.0) * channel_price;
        G[ij] = target[ij] = g;
        if (trade) pred[i] += g;
        if (w.capped) imports[j] += g;
      }
      if (w.capped) {
        // ceiling_j = kappa_j M_j, infinite where no ceiling is set; used_j is
        // what the buyer has already taken this step, from every seller.
        for (std::size_t j = 0; j < n_; ++j) {
          const double kappa = alliance_[j] ? kNoCeiling : s.sampled[cap_[k][j].slot];
          ceiling[j] = kappa >= kNoCeiling ? HUGE_VAL : std::max(0.0, kappa) * imports[j];
        }
        std::fill(w.used.begin(), w.used.end(), 0.0);
      }
      // Re-routed energy sells at the diversion discount (a price, not a
      // volume: the ceiling counts the volume at this step's energy price).
      w.price = ch == Channel::kEnergy ? 1.0 - std::clamp(s.sampled[discount_energy_.slot], 0.0, 1.0) : 1.0;
      // Seaborne energy is fungible: a share b of re-routed energy goes by the
      // buyers' capacity to absorb it rather than by start-year ties.
      w.by_capacity = ch == Channel::kEnergy && w.capped ? std::clamp(s.sampled[capacity_energy_.slot], 0.0, 1.0) : 0.0;
      const std::size_t n_wedged = fill_wedges(s, ch, div_stock, w);

      // Target flows before diversion, and what each actor loses to primary
      // wedges. Without a wedge the target is G itself (exp(0) is exactly 1
      // and the cut G (1 - exp(0)) exactly 0), so only the pairs some lever
      // touches call exp, in ascending order as before.
      std::fill(lost_out, lost_out + n_, 0.0);
      std::fill(lost_in, lost_in + n_, 0.0);
      const std::uint32_t* wedged = w.wedged.data();
      for (std::size_t q = 0; q < n_wedged; ++q) {
        const std::size_t ij = wedged[q];
        const double g = G[ij];
        if (g == 0.0) continue;
        const double wp = Wp[ij], ws = Ws[ij];
        const double e = wp + ws == 0.0 ? 1.0 : std::exp(wp + ws);
        target[ij] = g * e;
        if (wp < 0.0) {
          const double cut = g * (1.0 - (ws == 0.0 ? e : std::exp(wp)));
          lost_out[row_of_[ij]] += cut;
          lost_in[col_of_[ij]] += cut;
        }
      }
      const double sigma = s.sampled[sigma_[k].slot];
      for (std::size_t t = 0; t < n_; ++t) {
        if (lost_out[t] > 0) {
          const double d = divert(t, lost_out[t] * sigma, true, s, w);
          if (trade) {
            lost[t] += lost_out[t];
            diverted[t] += d;
          }
        }
        if (lost_in[t] > 0) divert(t, lost_in[t] * sigma, false, s, w);
      }

      // Partial adjustment X^(1-r) X*^r, as X exp(r log(X*/X)): one log and one
      // exp (two pow before) for each live pair (diversion may have added some).
      double* x = &s.flows[s.flow_index(k, 0, 0)];
      for (std::size_t wd = 0; wd < mask_words(); ++wd) live[wd] = static_cast<double>(mask[wd]);
      n_live = live_pairs(mask, pairs);
      for (std::size_t q = 0; q < n_live; ++q) {
        const std::size_t ij = pairs[q];
        const double xo = x[ij], xs = target[ij];
        if (xo > 0 && xs > 0) x[ij] = xs == xo ? xo : xo * std::exp(r * std::log(xs / xo));
        else x[ij] = (1.0 - r) * xo + r * xs;
        G[ij] = target[ij] = 0.0;
      }
      for (std::size_t q = 0; q < n_wedged; ++q) Wp[wedged[q]] = Ws[wedged[q]] = 0.0;
    }
    w.dirty = false;

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

  // Per-thread scratch of a step: dense n x n arrays of the channel in hand,
  // all 0 between channels (a channel clears what it wrote), and per-actor
  // vectors. It only saves allocations and clearing; a step's result depends
  // on RunState alone.
  struct Scratch {
    std::vector<double> G, Wp, Ws, target, growth, growth_no_rent, lost_out, lost_in, absorb, comply;
    std::vector<double> imports, ceiling, used, alloc, weight, open, share;  // absorption of the channel in hand, per buyer
    std::vector<std::uint8_t> full;                    // buyer at its ceiling in this re-routing
    bool capped = false;                               // some buyer has a ceiling in this channel
    double price = 1.0;                                // value per unit of re-routed volume (exports)
    double by_capacity = 0.0;                          // b: share of re-routed exports placed by capacity
    std::vector<std::uint32_t> pairs, wedged;     // live and wedged pairs of the channel in hand
    std::vector<std::uint32_t> mask;              // the live mask of the channel in hand
    std::vector<std::uint8_t> seen;               // marks of wedged pairs while they are listed
    std::vector<std::vector<std::size_t>> third;  // per lever use
    bool dirty = true;  // a step stopped half-way (an exception): clear all before use
  };
  static Scratch& scratch(std::size_t nn, std::size_t n) {
    thread_local Scratch w;
    if (w.dirty || w.G.size() != nn || w.growth.size() != n || w.growth_no_rent.size() != n || w.ceiling.size() != n) {
      for (auto* v : {&w.G, &w.Wp, &w.Ws, &w.target}) v->assign(nn, 0.0);
      for (auto* v : {&w.growth, &w.growth_no_rent, &w.lost_out, &w.lost_in, &w.absorb, &w.comply, &w.imports, &w.ceiling, &w.used, &w.alloc,
                      &w.weight, &w.open, &w.share})
        v->assign(n, 0.0);
      w.full.assign(n, 0);
      w.pairs.assign(nn, 0);
      // Each pair is listed at most once per channel (seen[]).
      w.wedged.assign(nn, 0);
      w.seen.assign(nn, 0);
      w.mask.assign((nn + kPairsPerWord - 1) / kPairsPerWord, 0);
      w.dirty = false;
    }
    return w;
  }

  // The live masks (state_size): 32 pairs to a double.
  static constexpr std::size_t kPairsPerWord = 32;
  std::size_t live_offset() const { return 3 * n_ + diversification_levers_.size(); }
  std::size_t price_offset() const { return live_offset() + kFlowChannels * mask_words(); }
  // The energy price the flows are valued at: EnergyMarket's index, kept
  // positive and finite.
  static double energy_price(const RunState& s) { return usable_energy_price(s.energy_price); }
  std::size_t mask_words() const { return (n_ * n_ + kPairsPerWord - 1) / kPairsPerWord; }
  static void mark_live(double* live, std::size_t ij) {
    double& word = live[ij / kPairsPerWord];
    word = static_cast<double>(static_cast<std::uint32_t>(word) | (std::uint32_t{1} << (ij % kPairsPerWord)));
  }
  // The live pairs of one channel into out[], ascending; returns how many.
  std::size_t live_pairs(const std::uint32_t* mask, std::uint32_t* out) const {
    std::size_t count = 0;
    for (std::size_t wd = 0; wd < mask_words(); ++wd) {
      std::uint32_t bits = mask[wd];
      while (bits != 0) {
        out[count++] = static_cast<std::uint32_t>(wd * kPairsPerWord + static_cast<std::size_t>(std::countr_zero(bits)));
        bits &= bits - 1;
      }
    }
    return count;
  }

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

  // Adds this step's wedges of channel ch into w.Wp and w.Ws and lists the
  // pairs they touch in w.wedged, ascending and once each; returns how many.
  std::size_t fill_wedges(const RunState& s, Channel ch, const double* div_stock, Scratch& w) const {
    double* Wp = w.Wp.data();
    double* Ws = w.Ws.data();
    std::uint8_t* seen = w.seen.data();
    std::uint32_t* wedged = w.wedged.data();
    std::size_t n_wedged = 0;
    auto touch = [&](std::size_t ij) {
      if (seen[ij]) return;
      seen[ij] = 1;
      wedged[n_wedged++] = static_cast<std::uint32_t>(ij);
    };
    // Supply conditions that are the supplier's own choice or capacity (the
    // Supply component: the other side's supply levers, the dual-use
    // channel): like the secondary wedge, not counted as lost trade. Written
    // by Supply after this component, so it acts from the next step.
    const double* sw = &s.supply_wedge[static_cast<std::size_t>(ch) * n_ * n_];
    for (std::size_t ij = 0; ij < n_ * n_; ++ij)
      if (sw[ij] != 0) {
        Ws[ij] += sw[ij];
        touch(ij);
      }
    std::size_t d = 0;
    for (std::size_t u = 0; u < levers_.size(); ++u) {
      const LeverUse& use = levers_[u];
      const CompiledLever& lv = sc_.levers[use.lever];
      const double L = s.lever_intensity[use.lever];
      if (use.role == Role::kDiversification) {
        const double stock = div_stock[d++];
        if (!lv.covers(ch) || stock <= 0) continue;
        for (std::size_t c : lv.coalition)
          if (applies(s, use.lever, c)) {
            Wp[lv.target * n_ + c] -= stock;  // target's sales to the coalition
            touch(lv.target * n_ + c);
          }
        continue;
      }
      // The start year's flows already reflect the lever's baseline
      // intensity (e.g. sanctions in force then), so the wedge acts on the
      // change from it.
      const double dL = L - lv.baseline_intensity;
      if (!lv.covers(ch) || dL == 0) continue;
      const double wedge = beta_of(s, use.lever) * dL;
      const std::size_t t = lv.target;
      if (use.role == Role::kSecondary) {
        // Third countries' trade with the target, both ways: their banks
        // risk being cut off whether they finance sales or purchases.
        // A third country on the West's side complies more (comply_j > 1).
        for (std::size_t j : w.third[u]) {
          Ws[j * n_ + t] += wedge * w.comply[j];
          Ws[t * n_ + j] += wedge * w.comply[j];
          touch(j * n_ + t);
          touch(t * n_ + j);
        }
        continue;
      }
      for (std::size_t c : lv.coalition) {
        if (!applies(s, use.lever, c)) continue;
        if (use.role == Role::kPrimaryBoth || use.role == Role::kPrimaryOut) {
          Wp[c * n_ + t] += wedge;
          touch(c * n_ + t);
        }
        if (use.role == Role::kPrimaryBoth || use.role == Role::kPrimaryIn) {
          Wp[t * n_ + c] += wedge;
          touch(t * n_ + c);
        }
      }
    }
    // Ascending, as the dense loop visited them (lost_out and lost_in add
    // their cuts in that order); then clear the marks for the next channel.
    std::sort(wedged, wedged + n_wedged);
    for (std::size_t q = 0; q < n_wedged; ++q) seen[wedged[q]] = 0;
    return n_wedged;
  }

  // Re-route `amount` of actor t's lost exports (outbound) or imports to the
  // partners that no primary lever cuts, each weighted by its absorption
  // (below 1 for a swing actor on the West's side: it takes less of the
  // re-routed trade, and what it declines is not re-routed elsewhere, as the
  // scale min(1, open/base) keeps the base weight at the start-year ties).
  // Outbound, the buyers' absorption ceilings bind (place_capped) and the
  // volume sells at w.price (the diversion discount on energy); inbound, t
  // re-sources its lost imports from suppliers that neither cap nor discount.
  // Returns the value re-routed.
  double divert(std::size_t t, double amount, bool outbound, const RunState& s, Scratch& w) const {
    const double* G = w.G.data();
    const double* Wp = w.Wp.data();
    const double* Ws = w.Ws.data();
    const double* absorb = w.absorb.data();
    const double* gdp = s.gdp.data();
    double* target = w.target.data();
    double* alloc = w.alloc.data();
    double* weight = w.weight.data();
    double* open = w.open.data();
    // Pair (t, j) outbound, (j, t) inbound: index base + j * stride.
    const std::size_t base = outbound ? t * n_ : t;
    const std::size_t stride = outbound ? 1 : n_;
    const bool capped = outbound && w.capped;
    const double price = outbound ? w.price : 1.0;  // x 1.0 is exact: the old bits without a discount
    if (capped && w.by_capacity > 0) return divert_by_capacity(t, amount, base, stride, price, w);
    // The weights by ties (G) and, for the fallback, by economic size in one
    // pass: each sum adds the same terms in the same order as two passes would.
    double open_weight = 0, base_weight = 0, open_size = 0, base_size = 0;
    for (const std::uint32_t j : partners_) {
      if (j == t) continue;
      const std::size_t ij = base + j * stride;
      if (Wp[ij] < 0) continue;
      const double e = exp_or_one(Ws[ij]);
      base_weight += G[ij];
      open_weight += G[ij] * absorb[j] * e;
      base_size += gdp[j];
      open_size += gdp[j] * absorb[j] * e;
    }
    if (base_weight <= 0) {
      // No existing ties to non-senders: re-route by economic size, still
      // subject to the secondary wedge.
      if (base_size <= 0 || open_size <= 0) return 0;
      const double total = amount * std::min(1.0, open_size / base_size);
      for (const std::uint32_t j : partners_) {
        if (j == t) continue;
        const std::size_t ij = base + j * stride;
        if (Wp[ij] < 0) continue;
        const double v = total * gdp[j] * absorb[j] * exp_or_one(Ws[ij]) / open_size;
        if (capped) {
          alloc[j] = v;
          weight[j] = gdp[j] * absorb[j] * exp_or_one(Ws[ij]);
          open[j] = absorb[j] * exp_or_one(Ws[ij]);
        } else {
          target[ij] += v * price;
        }
        w.mask[ij / kPairsPerWord] |= std::uint32_t{1} << (ij % kPairsPerWord);  // may get a flow now
      }
      return capped ? place_capped(t, total, base, stride, price, w) : total * price;
    }
    if (open_weight <= 0) return 0;
    const double total = amount * std::min(1.0, open_weight / base_weight);
    for (const std::uint32_t j : partners_) {
      if (j == t) continue;
      const std::size_t ij = base + j * stride;
      // A pair without gravity gets exactly 0 here: skip it.
      if (Wp[ij] < 0 || G[ij] == 0.0) continue;
      const double v = total * G[ij] * absorb[j] * exp_or_one(Ws[ij]) / open_weight;
      if (capped) {
        alloc[j] = v;
        weight[j] = G[ij] * absorb[j] * exp_or_one(Ws[ij]);
        open[j] = absorb[j] * exp_or_one(Ws[ij]);
      } else {
        target[ij] += v * price;
      }
    }
    return capped ? place_capped(t, total, base, stride, price, w) : total * price;
  }

  // Re-route t's lost exports when a share b (w.by_capacity) of them goes by
  // the buyers' capacity: buyer j's weight is
  //   omega_j = (1 - b) G_tj / sum G + b c_j / sum c,
  // c_j its ceiling kappa_j M_j (a buyer without one: its imports M_j, as in
  // place_capped), both sums over the partners no primary lever cuts; then
  // absorption and the secondary wedge scale it as in divert(), and the
  // ceilings bind. A buyer with capacity and no start-year tie can now take
  // cargoes (India's Russian crude after 2022). b = 0 is divert()'s own path.
  double divert_by_capacity(std::size_t t, double amount, std::size_t base, std::size_t stride, double price,
                            Scratch& w) const {
    const double* G = w.G.data();
    const double* Wp = w.Wp.data();
    const double* Ws = w.Ws.data();
    const double* absorb = w.absorb.data();
    const double* imports = w.imports.data();
    const double* ceiling = w.ceiling.data();
    double* alloc = w.alloc.data();
    double* weight = w.weight.data();
    double* open = w.open.data();
    auto capacity = [&](std::size_t j) { return ceiling[j] == HUGE_VAL ? imports[j] : ceiling[j]; };
    double tie_sum = 0, capacity_sum = 0;
    for (const std::uint32_t j : partners_) {
      if (j == t || Wp[base + j * stride] < 0) continue;
      tie_sum += G[base + j * stride];
      capacity_sum += capacity(j);
    }
    if (!(tie_sum > 0) && !(capacity_sum > 0)) return 0;
    // Without ties (or without capacity) the other part takes all the weight.
    const double b = !(tie_sum > 0) ? 1.0 : !(capacity_sum > 0) ? 0.0 : w.by_capacity;
    double base_weight = 0, open_weight = 0;
    for (const std::uint32_t j : partners_) {
      const std::size_t ij = base + j * stride;
      if (j == t || Wp[ij] < 0) continue;
      const double omega = (b < 1 ? (1 - b) * G[ij] / tie_sum : 0.0) + (b > 0 ? b * capacity(j) / capacity_sum : 0.0);
      if (!(omega > 0)) continue;
      open[j] = absorb[j] * exp_or_one(Ws[ij]);
      weight[j] = omega * open[j];
      base_weight += omega;
      open_weight += weight[j];
    }
    if (!(open_weight > 0)) return 0;
    const double total = amount * std::min(1.0, open_weight / base_weight);
    for (const std::uint32_t j : partners_) {
      if (!(weight[j] > 0)) continue;
      alloc[j] = total * weight[j] / open_weight;
      const std::size_t ij = base + j * stride;
      w.mask[ij / kPairsPerWord] |= std::uint32_t{1} << (ij % kPairsPerWord);  // may get a flow now
    }
    return place_capped(t, total, base, stride, price, w);
  }

  // Places w.alloc (t's re-routed volume by buyer, as the uncapped shares
  // give it) within the buyers' ceilings: a buyer over its headroom
  // (ceiling - used) keeps the headroom and its excess goes to the buyers
  // still below theirs (by headroom; see below); after kAbsorptionPasses
  // such passes what is still over is lost, so no buyer ever exceeds its
  // ceiling. Where no ceiling binds, every buyer gets exactly its uncapped
  // share. Adds the volume at `price` to the target flows, clears alloc and
  // weight, and returns the value placed (`total` when nothing was clipped).
  double place_capped(std::size_t t, double total, std::size_t base, std::size_t stride, double price, Scratch& w) const {
    double* alloc = w.alloc.data();
    double* weight = w.weight.data();
    double* open = w.open.data();
    double* share = w.share.data();
    double* used = w.used.data();
    const double* imports = w.imports.data();
    const double* ceiling = w.ceiling.data();
    std::uint8_t* full = w.full.data();
    for (const std::uint32_t j : partners_) full[j] = 0;
    bool clipped = false;
    for (int pass = 0; pass <= kAbsorptionPasses; ++pass) {
      double excess = 0;
      for (const std::uint32_t j : partners_) {
        if (j == t || !(alloc[j] > 0)) continue;
        const double room = std::max(0.0, ceiling[j] - used[j]);
        if (alloc[j] > room) {
          excess += alloc[j] - room;
          alloc[j] = room;
          full[j] = 1;
        }
      }
      clipped = clipped || excess > 0;
      if (!(excess > 0) || pass == kAbsorptionPasses) break;
      // The excess goes where there is room: to each buyer with a tie and
      // headroom in proportion to its headroom times its openness (swing
      // side, secondary wedge), so spare capacity, not the start-year tie,
      // decides who takes the cargoes others cannot. A buyer without a
      // ceiling counts its imports of the channel (M_j) as its headroom: a
      // weight, not a limit, so an uncapped small buyer does not take all.
      double free_weight = 0;
      for (const std::uint32_t j : partners_)
        if (j != t && !full[j] && weight[j] > 0) {
          const double room = ceiling[j] == HUGE_VAL ? imports[j] : ceiling[j] - used[j] - alloc[j];
          share[j] = open[j] * std::max(0.0, room);
          free_weight += share[j];
        }
      if (!(free_weight > 0)) break;  // no one has headroom: the excess is lost
      for (const std::uint32_t j : partners_)
        if (j != t && !full[j] && weight[j] > 0) alloc[j] += excess * share[j] / free_weight;
    }
    double placed = 0;
    double* target = w.target.data();
    for (const std::uint32_t j : partners_) {
      if (j != t && alloc[j] > 0) {
        target[base + j * stride] += alloc[j] * price;
        used[j] += alloc[j];
        placed += alloc[j];
      }
      alloc[j] = weight[j] = open[j] = share[j] = 0.0;
    }
    // Nothing clipped: the uncapped total, the same bits as without ceilings.
    return clipped ? placed * price : total * price;
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
  ParamHandle discount_energy_, capacity_energy_;
  std::vector<ParamHandle> cap_[kFlowChannels];  // kappa per buyer, per channel
  std::vector<bool> alliance_, swing_;
  std::vector<std::uint32_t> partners_;  // actors that are not alliances: who can take re-routed trade
  std::vector<std::uint32_t> row_of_, col_of_;  // i and j of pair ij = i n + j (no integer division per pair)
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
      {"capacity_rerouting_energy", 0.0, 0.0, 1.0, "share",
       "b: share of re-routed energy exports placed by the buyers' absorptive capacity (ceilings) rather than by "
       "start-year ties; needs ceilings (0: by ties alone)",
       "assumption: 0 unless the scenario sets it; seaborne crude and products are fungible, pipelines are not: "
       "range docs/models/trade_sanctions.md (Absorptive capacity and the diversion discount)"},
      {"diversion_discount_energy", 0.0, 0.0, 0.9, "1",
       "delta: discount at which re-routed energy sells (value = (1 - delta) x volume at start-year prices)",
       "assumption: 0 (no discount) unless the scenario sets it; the Urals discount under the G7 price cap, "
       "range docs/models/trade_sanctions.md (Absorptive capacity and the diversion discount)"},
  };
  for (const char* k : {"energy", "goods", "technology", "arms", "credit"})
    info.actor_params.push_back(
        {std::string("absorption_cap_") + k, kNoCeiling, 0.0, kNoCeiling, "1",
         std::string("kappa: ceiling on the buyer's re-routed ") + k +
             " inflow per year, as a multiple of its " + k +
             " imports in the network on the gravity path; 1e6 (the default): no ceiling",
         "assumption: per buyer, range docs/models/trade_sanctions.md (Absorptive capacity and the diversion "
         "discount)"});
  info.outputs = {
      {"trade.<from>.<to>", "trade flow from -> to over energy, goods, technology and arms"},
      {"trade.<from>.<to>.<channel>", "flow in one channel (any of the six)"},
      {"bilateral_trade.<a>.<b>", "trade a -> b plus b -> a"},
      {"exports.<actor>", "total trade exports"},
      {"imports.<actor>", "total trade imports"},
      {"export_loss.<actor>", "net lost exports as a share of the gravity prediction (cost of sanctions)"},
      {"leakage.<actor>", "share of the actor's lost exports re-routed to non-senders"},
  };
  info.reads = {"gdp", "flows", "lever_intensity", "participates", "import_need", "west_side", "supply_wedge",
                "energy_price", "energy_rent"};
  info.writes = {"flows.trade_and_credit", "gdp_drag"};
  info.create = [](const CompiledScenario& sc, const ModelParams& p) { return std::make_unique<TradeSanctions>(sc, p); };
  return info;
}

}  // namespace entente
