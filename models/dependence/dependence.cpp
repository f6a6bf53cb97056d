// Dependence — asymmetric interdependence (Hirschman 1945; Keohane & Nye
// 1977; CEPII GeoDep for the share-based measures).
//
//   s_x  = X_ij / sum_j' X_ij'              j's share of i's trade exports
//   s_m  = X_ji / sum_j' X_j'i              j's share of i's trade imports
//   s_t  = X_ji,tech / sum_j' X_j'i,tech    j's share of i's technology imports
//   s_c  = X_ji,credit / sum_j' X_j'i,credit  j's share of credit i receives
//   s_e  = X_ij,energy / sum_j' X_ij',energy  j's share of i's energy exports (its energy market)
//   s_s  = X_ji,energy / sum_j' X_j'i,energy  j's share of i's energy imports (its energy supplier)
//   D_ij = sum_c w_c s_c / sum_c w_c        (components with a positive denominator)
// Settlement shares stay out of D_ij: the currency a pair settles in is an
// outcome of its own (Payments), and counting it here would add the
// sanctions-driven currency switch to every policy's dependence alike.
//   A_ij = D_ij - D_ji
//   HHI_i = sum_j s_x,ij^2                  concentration of i's exports
//   V_ij = sum_k w_k s_ij,k (1 - sub_k),    w_k = channel k's share of i's imports
//          (trade channels and credit; payments are shares in another unit)
// The shares themselves are outputs too (export_share, import_share,
// trade_share, optionally of one channel): the observed history reports
// China's share of Russia's trade, so a backtest can score them.
#include "models/dependence/dependence.hpp"

#include <algorithm>
#include <optional>

#include "sim/engine/run_state.hpp"
#include "sim/scenario/compiled.hpp"
#include "sim/scenario/series_name.hpp"

namespace entente {

namespace {

constexpr std::size_t kTech = static_cast<std::size_t>(Channel::kTechnology);
constexpr std::size_t kCredit = static_cast<std::size_t>(Channel::kCredit);
constexpr std::size_t kPay = static_cast<std::size_t>(Channel::kPayments);
constexpr std::size_t kEnergy = static_cast<std::size_t>(Channel::kEnergy);
// exports, imports, technology, credit, energy market, energy supply
constexpr std::size_t kComponents = 6;

double share_out(const RunState& s, std::size_t i, std::size_t j, double& denom) {
  denom = 0;
  for (std::size_t q = 0; q < s.n_actors; ++q) denom += s.trade_flow(i, q);
  return denom > 0 ? s.trade_flow(i, j) / denom : 0.0;
}

enum class Out { kDependence, kAsymmetry, kHhi, kVulnerability, kExportShare, kImportShare, kTradeShare };

struct OutputRequest {
  Out kind;
  std::size_t a = 0, b = 0, slot = 0;
  std::optional<Channel> channel = std::nullopt;  // shares: one channel, else every trade channel
};

// j's share of i's exports (out), imports (!out) in one channel or over the
// trade channels (trade_flow), 0 when i has none.
double channel_share(const RunState& s, std::size_t i, std::size_t j, std::optional<Channel> ch, bool out) {
  double part = 0, total = 0;
  for (std::size_t q = 0; q < s.n_actors; ++q) {
    const std::size_t from = out ? i : q, to = out ? q : i;
    const double v = ch ? s.flow(static_cast<std::size_t>(*ch), from, to) : s.trade_flow(from, to);
    total += v;
    if (q == j) part = v;
  }
  return total > 0 ? part / total : 0.0;
}

class Dependence final : public Model {
 public:
  Dependence(const CompiledScenario& sc, const ModelParams& p) : sc_(sc) {
    const char* names[kComponents] = {"weight_exports", "weight_imports", "weight_technology", "weight_credit",
                                      "weight_energy_market", "weight_energy_supply"};
    for (std::size_t c = 0; c < kComponents; ++c) weights_[c] = p.at(names[c]);
    for (Channel ch : kAllChannels)
      if (ch != Channel::kPayments)
        substitutability_[static_cast<std::size_t>(ch)] = p.at("substitutability_" + std::string(channel_name(ch)));
  }

  bool bind_output(std::string_view series, std::size_t slot, std::string& error) override {
    const SeriesName s = split_series(series);
    Out kind;
    std::size_t arity = 2;
    if (s.family == "dependence") kind = Out::kDependence;
    else if (s.family == "asymmetry") kind = Out::kAsymmetry;
    else if (s.family == "vulnerability") kind = Out::kVulnerability;
    else if (s.family == "hhi_exports") {
      kind = Out::kHhi;
      arity = 1;
    } else if (s.family == "export_share" || s.family == "import_share" || s.family == "trade_share") {
      return bind_share(s, slot, error);
    } else {
      return false;
    }
    auto ids = series_actors(sc_, s, arity, error);
    if (!ids) return false;
    requests_.push_back({kind, (*ids)[0], arity == 2 ? (*ids)[1] : 0, slot});
    return true;
  }

  // export_share / import_share / trade_share .<i>.<j>[.<channel>].
  bool bind_share(const SeriesName& s, std::size_t slot, std::string& error) {
    const Out kind = s.family == "export_share"   ? Out::kExportShare
                     : s.family == "import_share" ? Out::kImportShare
                                                  : Out::kTradeShare;
    std::optional<Channel> ch;
    SeriesName actors = s;
    if (s.parts.size() == 3) {
      ch = series_channel(s, 2, error);
      if (!ch) return false;
      if (*ch == Channel::kPayments) {
        error = "'" + s.family + "' is a share of trade flows; payments are settlement shares (settlement_share)";
        return false;
      }
      actors.parts.pop_back();
    }
    auto ids = series_actors(sc_, actors, 2, error);
    if (!ids) return false;
    requests_.push_back({kind, (*ids)[0], (*ids)[1], slot, ch});
    return true;
  }

  void initialize(RunState& s, std::size_t) const override {
    write_matrix(s);
    write_outputs(s);
  }
  void step(RunState& s, std::size_t) const override {
    write_matrix(s);
    write_outputs(s);
  }

 private:
  // The shared field `dependence` for every ordered pair, from per-actor
  // totals computed once (O(n^2) per step rather than O(n^3)); the trade
  // matrix is summed once per pair.
  void write_matrix(RunState& s) const {
    const std::size_t n = s.n_actors;
    double w[kComponents];
    for (std::size_t c = 0; c < kComponents; ++c) w[c] = s.sampled[weights_[c].slot];
    thread_local std::vector<double> totals, trade, coef;
    totals.assign(kComponents * n, 0.0);  // exports, imports, technology in, credit in, energy out, energy in
    trade.resize(n * n);
    const double* tech = &s.flows[s.flow_index(kTech, 0, 0)];
    const double* credit = &s.flows[s.flow_index(kCredit, 0, 0)];
    const double* energy = &s.flows[s.flow_index(kEnergy, 0, 0)];
    for (std::size_t i = 0; i < n; ++i) {
      // Row sums in registers (the same additions in the same order).
      double exports = 0, energy_out = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const double t = s.trade_flow(i, j);
        trade[i * n + j] = t;
        exports += t;
        totals[n + j] += t;
        totals[2 * n + j] += tech[i * n + j];
        totals[3 * n + j] += credit[i * n + j];
        energy_out += energy[i * n + j];
        totals[5 * n + j] += energy[i * n + j];
      }
      totals[i] = exports;
      totals[4 * n + i] = energy_out;
    }
    // Per actor i, each component's weight w_c / total_c,i / sum_c' w_c' over
    // the components with a positive total, so that a pair costs six
    // multiplications and no division (the same value as
    // (sum_c w_c part_c / total_c) / sum_c w_c up to rounding in the last
    // bits: docs/performance.md, "Tolerance"). A pair that shares nothing gets
    // exactly 0, as before.
    coef.resize(kComponents * n);
    for (std::size_t i = 0; i < n; ++i) {
      double d = 0;
      for (std::size_t c = 0; c < kComponents; ++c)
        if (totals[c * n + i] > 0) d += w[c];
      for (std::size_t c = 0; c < kComponents; ++c) {
        const double total = totals[c * n + i];
        coef[c * n + i] = total > 0 && d > 0 ? w[c] / total / d : 0.0;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      const double c0 = coef[i], c1 = coef[n + i], c2 = coef[2 * n + i], c3 = coef[3 * n + i], c4 = coef[4 * n + i],
                   c5 = coef[5 * n + i];
      for (std::size_t j = 0; j < n; ++j) {
        const std::size_t ij = i * n + j, ji = j * n + i;
        // The energy-supply term adds exactly 0 where its weight is 0 (the
        // default), so scenarios without it keep their bits.
        const double num = trade[ij] * c0 + trade[ji] * c1 + tech[ji] * c2 + credit[ji] * c3 + energy[ij] * c4 +
                           energy[ji] * c5;
        s.dependence[ij] = i == j ? 0.0 : std::clamp(num, 0.0, 1.0);
      }
    }
  }

  void write_outputs(RunState& s) const {
    for (const auto& r : requests_) {
      double v = 0;
      switch (r.kind) {
        case Out::kDependence: v = s.dependence[r.a * s.n_actors + r.b]; break;
        case Out::kAsymmetry:
          v = s.dependence[r.a * s.n_actors + r.b] - s.dependence[r.b * s.n_actors + r.a];
          break;
        case Out::kHhi: {
          // share_out's denominator is the same sum for every j: once.
          double denom = 0;
          share_out(s, r.a, 0, denom);
          if (denom <= 0) break;
          for (std::size_t j = 0; j < s.n_actors; ++j) {
            const double sh = s.trade_flow(r.a, j) / denom;
            v += sh * sh;
          }
          break;
        }
        case Out::kVulnerability: {
          double total_imports = 0;
          double by_channel[kChannelCount] = {};
          // Trade channels and credit share one unit (money); payments are
          // settlement shares in their own unit, so they stay out of the weights.
          for (std::size_t k = 0; k < kChannelCount; ++k) {
            if (k == kPay) continue;
            for (std::size_t q = 0; q < s.n_actors; ++q) by_channel[k] += s.flow(k, q, r.a);
            total_imports += by_channel[k];
          }
          if (total_imports <= 0) break;
          for (std::size_t k = 0; k < kChannelCount; ++k) {
            if (k == kPay || by_channel[k] <= 0) continue;
            const double share = s.flow(k, r.b, r.a) / by_channel[k];
            v += (by_channel[k] / total_imports) * share * (1.0 - s.sampled[substitutability_[k].slot]);
          }
          break;
        }
        case Out::kExportShare: v = channel_share(s, r.a, r.b, r.channel, true); break;
        case Out::kImportShare: v = channel_share(s, r.a, r.b, r.channel, false); break;
        case Out::kTradeShare: {
          // (X_ij + X_ji) / (exports_i + imports_i), in one channel or over the trade channels.
          double part = 0, total = 0;
          for (std::size_t q = 0; q < s.n_actors; ++q) {
            const double out = r.channel ? s.flow(static_cast<std::size_t>(*r.channel), r.a, q) : s.trade_flow(r.a, q);
            const double in = r.channel ? s.flow(static_cast<std::size_t>(*r.channel), q, r.a) : s.trade_flow(q, r.a);
            total += out + in;
            if (q == r.b) part = out + in;
          }
          v = total > 0 ? part / total : 0.0;
          break;
        }
      }
      s.series[r.slot] = v;
    }
  }

  const CompiledScenario& sc_;
  ParamHandle weights_[kComponents];
  ParamHandle substitutability_[kChannelCount];
  std::vector<OutputRequest> requests_;
};

}  // namespace

ModelInfo dependence_info() {
  ModelInfo info;
  info.name = "Dependence";
  info.family = "dependence";
  info.summary = "Asymmetric interdependence: dependence index, asymmetry, export concentration, vulnerability";
  // Weights (docs/models/dependence.md, "Weights"): the scenario draws each
  // from its argued range; these defaults are the ranges' centres.
  info.params = {
      {"weight_exports", 0.2, 0.0, 1.0, "1", "w of j's share of i's trade exports",
       "Hirschman 1945 (influence through the partner's share of a country's trade); assumption: range 0.15-0.3"},
      {"weight_imports", 0.2, 0.0, 1.0, "1", "w of j's share of i's trade imports",
       "Hirschman 1945; CEPII GeoDep (import-side dependence); assumption: range 0.15-0.3"},
      {"weight_technology", 0.2, 0.0, 1.0, "1", "w of j's share of i's technology imports",
       "seed 000: technology transfer as the lever the West controls; assumption: range 0.1-0.3"},
      {"weight_credit", 0.15, 0.0, 1.0, "1", "w of j's share of credit i receives",
       "seed 000 (Chinese loans to Russian energy firms after 2014); assumption: range 0.05-0.25"},
      {"weight_energy_market", 0.25, 0.0, 1.0, "1", "w of j's share of i's energy exports (j as i's energy market)",
       "seed 000: energy about 3/4 of Russia's exports to China and Russia's main export; pipelines tie a seller to "
       "its buyer; assumption: range 0.15-0.35"},
      {"weight_energy_supply", 0.0, 0.0, 1.0, "1", "w of j's share of i's energy imports (j as i's energy supplier)",
       "assumption: 0 unless the scenario sets it (the index before this component); an importer relies on a "
       "supplier of a fifth of its crude and on overland pipelines: range docs/models/dependence.md"},
      {"substitutability_energy", 0.5, 0.0, 1.0, "1", "sub_k for vulnerability: how easily energy imports are replaced", "assumption"},
      {"substitutability_goods", 0.7, 0.0, 1.0, "1", "sub_k for goods", "assumption"},
      {"substitutability_technology", 0.3, 0.0, 1.0, "1", "sub_k for technology", "assumption"},
      {"substitutability_arms", 0.2, 0.0, 1.0, "1", "sub_k for arms", "assumption"},
      {"substitutability_credit", 0.5, 0.0, 1.0, "1", "sub_k for credit", "assumption"},
  };
  info.outputs = {
      {"dependence.<i>.<j>", "D_ij in [0,1]: i's dependence on j (russia_dependence_on_china is dependence.russia.china)"},
      {"asymmetry.<i>.<j>", "A_ij = D_ij - D_ji in [-1,1]"},
      {"hhi_exports.<i>", "Herfindahl-Hirschman index of i's export partners, in [0,1]"},
      {"vulnerability.<i>.<j>", "V_ij: import-weighted, substitution-discounted exposure of i to j, in [0,1]"},
      {"export_share.<i>.<j>[.<channel>]", "j's share of i's trade exports (of one channel), in [0,1]"},
      {"import_share.<i>.<j>[.<channel>]", "j's share of i's trade imports (of one channel), in [0,1]"},
      {"trade_share.<i>.<j>[.<channel>]", "j's share of i's exports plus imports (of one channel), in [0,1]"},
  };
  info.reads = {"flows"};
  info.writes = {"dependence"};
  info.create = [](const CompiledScenario& sc, const ModelParams& p) { return std::make_unique<Dependence>(sc, p); };
  return info;
}

}  // namespace entente
