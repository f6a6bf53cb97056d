// Every error a command can end with is an entente::Error carrying its exit
// code (sim/util/error.hpp); cli/cli_common.cpp's report_exception maps them
// in one place, so a type that forgot its code would exit 1 silently.
#include <catch2/catch.hpp>

#include "analysis/play/session_store.hpp"
#include "analysis/report/report.hpp"
#include "analysis/sensitivity/input_error.hpp"
#include "analysis/sqlite/statement.hpp"
#include "sim/engine/distributed.hpp"
#include "sim/engine/numeric_guard.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/diagnostics.hpp"
#include "sim/output/staged_dir.hpp"
#include "sim/play/game.hpp"
#include "sim/play/journal.hpp"
#include "sim/play/state_codec.hpp"

using namespace entente;

namespace {
int code_of(const Error& e) { return e.exit_code(); }
}  // namespace

TEST_CASE("every library error carries its exit code", "[errors]") {
  CHECK(code_of(ScenarioError({Diagnostic{{"f.yaml", 1, 2}, "bad"}})) == kBadInput);
  CHECK(code_of(play::PlayError("not your lever")) == kBadInput);
  CHECK(code_of(analysis::SessionInputError("not a session")) == kBadInput);
  CHECK(code_of(play::RecordError("journal entry 7 (move): field 'team' missing")) == kBadInput);
  CHECK(code_of(analysis::ReportInputError("no summary.json")) == kBadInput);
  CHECK(code_of(analysis::AnalysisInputError("no such column")) == kBadInput);
  CHECK(code_of(RunError("run 3: NaN", RunKey{})) == kRuntimeFailure);
  CHECK(code_of(ComponentFault("NaN")) == kRuntimeFailure);
  CHECK(code_of(play::JournalError("out of order")) == kRuntimeFailure);
  CHECK(code_of(play::ReplayMismatch("differs", 1, 2)) == kRuntimeFailure);
  CHECK(code_of(play::StateFormatError("truncated")) == kRuntimeFailure);
  CHECK(code_of(analysis::sqlite::DamagedStoreError("malformed")) == kRuntimeFailure);
  CHECK(code_of(Interrupted()) == kInterrupted);
  CHECK(code_of(distributed::PeerFailed(2)) == 2);
}

TEST_CASE("abort_job without MPI running throws instead of exiting", "[errors]") {
  if (distributed::ranks() > 1) return;  // under mpirun it would end the job
  bool thrown = false;
  try {
    distributed::abort_job("disk full", kRuntimeFailure);
  } catch (const Error& e) {
    thrown = true;
    CHECK(std::string(e.what()) == "disk full");
    CHECK(e.exit_code() == kRuntimeFailure);
  }
  CHECK(thrown);
}
