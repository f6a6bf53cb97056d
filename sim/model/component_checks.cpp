#include "sim/model/component_checks.hpp"

#include <stdexcept>

#include "sim/model/channel.hpp"

namespace entente {

namespace {

// Views of the flows field that a component may write alone: the trade
// channels with credit, and the payments channel.
struct FlowsView {
  const char* name;
  std::size_t first_channel, end_channel;
};
constexpr FlowsView kFlowsViews[] = {
    {"flows.trade_and_credit", 0, static_cast<std::size_t>(Channel::kPayments)},
    {"flows.payments", static_cast<std::size_t>(Channel::kPayments), static_cast<std::size_t>(Channel::kPayments) + 1},
};

const FlowsView* find_flows_view(const std::string& name) {
  for (const auto& v : kFlowsViews)
    if (name == v.name) return &v;
  return nullptr;
}

}  // namespace

std::vector<FieldCheck> plan_field_checks(const std::vector<std::string>& writes, std::size_t n_actors,
                                          std::size_t n_events) {
  std::vector<FieldCheck> checks;
  const std::size_t nn = n_actors * n_actors;
  const SharedFieldInfo& flows = shared_field(SharedField::flows);
  for (const auto& name : writes) {
    if (const FlowsView* v = find_flows_view(name)) {
      checks.push_back({SharedField::flows, v->first_channel * nn, v->end_channel * nn, flows.lo, flows.hi});
      continue;
    }
    const SharedFieldInfo* info = find_shared_field(name);
    if (!info)
      throw std::logic_error("a component declares it writes '" + name + "', which is not a shared field");
    // Flags (lever participation) are bytes: they cannot be NaN.
    if (info->kind == FieldKind::kFlags) continue;
    // Levers do not shape a double-valued field, so 0 stands for their count.
    checks.push_back({info->field, 0, field_size(info->shape, n_actors, n_events, 0), info->lo, info->hi});
  }
  return checks;
}

void check_declared_reads(const std::string& component, const std::vector<std::string>& reads) {
  for (const auto& name : reads)
    if (!find_shared_field(name) && !find_flows_view(name) && !is_engine_field(name))
      throw std::logic_error("component '" + component + "' declares it reads '" + name +
                             "', which is neither a shared field (sim/model/shared_fields.hpp) nor an engine field");
}

}  // namespace entente
