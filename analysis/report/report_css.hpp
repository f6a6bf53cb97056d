// The report's style sheet, inlined into report.html: clean on a laptop
// screen, compact and unbroken figures on paper.
#pragma once

namespace entente::analysis::report {

extern const char* const kReportCss;

}  // namespace entente::analysis::report
