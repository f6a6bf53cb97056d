#include "sim/model/shared_fields.hpp"

#include <array>

#include "sim/model/channel.hpp"

namespace entente {

namespace {

#define ENTENTE_FIELD_KIND_doubles FieldKind::kDoubles
#define ENTENTE_FIELD_KIND_scalar FieldKind::kScalar
#define ENTENTE_FIELD_KIND_flags FieldKind::kFlags
#define ENTENTE_SHARED_FIELD_ROW(kind, name, shape, lo, hi, start, writer, doc) \
  SharedFieldInfo{SharedField::name, #name, ENTENTE_FIELD_KIND_##kind, FieldShape::shape, lo, hi, start, writer, doc},

const std::vector<SharedFieldInfo> kRows = {ENTENTE_SHARED_FIELDS(ENTENTE_SHARED_FIELD_ROW)};

#undef ENTENTE_SHARED_FIELD_ROW

// The engine's own RunState fields that components may read.
constexpr std::array<std::string_view, 6> kEngineFields = {
    "gdp_initial", "flows_initial", "lever_intensity", "lever_override", "event_count", "event_fired_now",
};

}  // namespace

const std::vector<SharedFieldInfo>& shared_fields() { return kRows; }

const SharedFieldInfo& shared_field(SharedField f) { return kRows[static_cast<std::size_t>(f)]; }

const SharedFieldInfo* find_shared_field(std::string_view name) {
  for (const auto& row : kRows)
    if (row.name == name) return &row;
  return nullptr;
}

std::size_t field_size(FieldShape shape, std::size_t n, std::size_t n_events, std::size_t n_levers) {
  switch (shape) {
    case FieldShape::kPerActor: return n;
    case FieldShape::kPerPair: return n * n;
    case FieldShape::kPerActorDimension: return 2 * n;
    case FieldShape::kPerChannelPair: return kChannelCount * n * n;
    case FieldShape::kPerLeverActor: return n_levers * n;
    case FieldShape::kPerEvent: return n_events;
    case FieldShape::kScalar: return 1;
  }
  return 0;
}

bool is_engine_field(std::string_view name) {
  for (auto f : kEngineFields)
    if (f == name) return true;
  return false;
}

}  // namespace entente
