#include "sim/scenario/spec.hpp"

namespace entente {

namespace {
constexpr LeverKind kLeverKinds[] = {
    LeverKind::kSanctions,   LeverKind::kSecondarySanctions,      LeverKind::kExportControls,
    LeverKind::kInvestmentScreening, LeverKind::kTariffs,         LeverKind::kEnergyDiversification,
    LeverKind::kEngagement,  LeverKind::kStrategicCommunications, LeverKind::kPartnership,
    LeverKind::kDefenceSpending, LeverKind::kArmsControl, LeverKind::kSupply,
    LeverKind::kPaymentPush,     LeverKind::kMilitaryPressure,
};
}

std::string_view lever_kind_name(LeverKind k) {
  switch (k) {
    case LeverKind::kSanctions: return "sanctions";
    case LeverKind::kSecondarySanctions: return "secondary_sanctions";
    case LeverKind::kExportControls: return "export_controls";
    case LeverKind::kInvestmentScreening: return "investment_screening";
    case LeverKind::kTariffs: return "tariffs";
    case LeverKind::kEnergyDiversification: return "energy_diversification";
    case LeverKind::kEngagement: return "engagement";
    case LeverKind::kStrategicCommunications: return "strategic_communications";
    case LeverKind::kPartnership: return "partnership";
    case LeverKind::kDefenceSpending: return "defence_spending";
    case LeverKind::kArmsControl: return "arms_control";
    case LeverKind::kSupply: return "supply";
    case LeverKind::kPaymentPush: return "payment_push";
    case LeverKind::kMilitaryPressure: return "military_pressure";
  }
  return "?";
}

std::optional<LeverKind> parse_lever_kind(std::string_view s) {
  for (LeverKind k : kLeverKinds)
    if (lever_kind_name(k) == s) return k;
  return std::nullopt;
}

std::vector<std::string> lever_kind_names() {
  std::vector<std::string> out;
  for (LeverKind k : kLeverKinds) out.emplace_back(lever_kind_name(k));
  return out;
}

const ActorSpec* ScenarioSpec::actor(const std::string& id) const {
  for (const auto& a : actors)
    if (a.id == id) return &a;
  return nullptr;
}

const LeverSpec* ScenarioSpec::lever(const std::string& id) const {
  for (const auto& l : levers)
    if (l.id == id) return &l;
  return nullptr;
}

const PolicySpec* ScenarioSpec::policy(const std::string& id) const {
  for (const auto& p : policies)
    if (p.id == id) return &p;
  return nullptr;
}

std::vector<std::string> ScenarioSpec::policy_ids() const {
  std::vector<std::string> out;
  for (const auto& p : policies) out.push_back(p.id);
  return out;
}

}  // namespace entente
