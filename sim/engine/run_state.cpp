#include "sim/engine/run_state.hpp"

namespace entente {

namespace {

// The first element of a field as doubles, for each member type of
// sim/model/shared_fields.hpp; flags (bytes) have none.
const double* data_of(const std::vector<double>& v) { return v.data(); }
const double* data_of(const double& x) { return &x; }
const double* data_of(const std::vector<std::uint8_t>&) { return nullptr; }

}  // namespace

const double* shared_field_data(const RunState& s, SharedField f) {
  switch (f) {
#define ENTENTE_SHARED_FIELD_CASE(kind, name, ...) \
  case SharedField::name: return data_of(s.name);
    ENTENTE_SHARED_FIELDS(ENTENTE_SHARED_FIELD_CASE)
#undef ENTENTE_SHARED_FIELD_CASE
  }
  return nullptr;
}

}  // namespace entente
