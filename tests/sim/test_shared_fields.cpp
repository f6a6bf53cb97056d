// The shared-field table (sim/model/shared_fields.hpp): every row is a
// RunState member that the state codec carries, the numeric guard checks
// with the row's shape and bounds, and components may name in their
// declared reads and writes.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/register_builtin.hpp"
#include "sim/engine/numeric_guard.hpp"
#include "sim/engine/run_state.hpp"
#include "sim/play/state_codec.hpp"

using namespace entente;

TEST_CASE("every shared field survives the state codec, each with its own value", "[shared_fields]") {
  RunState s;
  s.n_actors = 2;
  double v = 0.125;
  // A distinct value in every shared field, so a field the codec dropped or
  // swapped with another shows as a difference.
  for_each_shared_field(s, [&](const SharedFieldInfo&, auto& member) {
    using Member = std::remove_cvref_t<decltype(member)>;
    if constexpr (std::is_same_v<Member, double>) member = v;
    else if constexpr (std::is_same_v<Member, std::vector<double>>) member = {v, v + 1};
    else member = {1, 0, 1};
    v += 2;
  });
  const RunState back = play::decode_state(play::encode_state(s));
  for_each_shared_field(back, [&](const SharedFieldInfo& f, const auto& member) {
    INFO(f.name);
    const RunState& orig = s;
    for_each_shared_field(orig, [&](const SharedFieldInfo& g, const auto& original) {
      if constexpr (std::is_same_v<std::remove_cvref_t<decltype(member)>, std::remove_cvref_t<decltype(original)>>)
        if (g.field == f.field) CHECK(member == original);
    });
  });
}

TEST_CASE("the guard checks each written field with its row's shape and bounds", "[shared_fields]") {
  for (const SharedFieldInfo& f : shared_fields()) {
    INFO(f.name);
    CHECK(find_shared_field(f.name) == &f);
    CHECK(f.lo <= f.hi);
    CHECK((std::isnan(f.start) || (f.start >= f.lo && f.start <= f.hi)));
    const auto checks = plan_field_checks({std::string(f.name)}, 3, 2);
    if (f.kind == FieldKind::kFlags) {
      CHECK(checks.empty());
      continue;
    }
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].field == f.field);
    CHECK(checks[0].end - checks[0].begin == field_size(f.shape, 3, 2, 0));
    CHECK(checks[0].lo == f.lo);
    CHECK(checks[0].hi == f.hi);
  }
  CHECK(field_size(shared_field(SharedField::stance).shape, 3, 2, 0) == 6);
  CHECK(field_size(shared_field(SharedField::hazard_multiplier).shape, 3, 2, 0) == 2);
  CHECK(field_size(shared_field(SharedField::participates).shape, 3, 2, 4) == 12);
}

TEST_CASE("components read and write only declared fields", "[shared_fields]") {
  for (const auto& info : builtin_registry().all()) {
    INFO(info.name);
    CHECK_NOTHROW(check_declared_reads(info.name, info.reads));
    CHECK_NOTHROW(plan_field_checks(info.writes, 3, 2));
  }
  CHECK_THROWS_WITH(check_declared_reads("Toy", {"flows", "lever_intensity", "stances"}),
                    "component 'Toy' declares it reads 'stances', which is neither a shared field "
                    "(sim/model/shared_fields.hpp) nor an engine field");
}
