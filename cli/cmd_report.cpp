// entente report DIR: the charts and report.html of a run, compare, backtest or calibrate directory.
#include <iostream>
#include <sstream>

#include "analysis/report/report.hpp"
#include "cli/cli_common.hpp"
#include "cli/help_text.hpp"

namespace entente::cli {

int cmd_report(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help");
  po::options_description all;
  all.add(opts).add_options()("dir", po::value<std::string>());
  po::positional_options_description pos;
  pos.add("dir", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError{e.what()};
  }
  if (vm.count("help")) {
    std::ostringstream help;
    help << "Usage: entente report DIR\n\n"
         << opts
         << "\nRebuilds the charts and the HTML report of a result directory from its files, without "
            "running anything: DIR is what 'entente run --out DIR' wrote (manifest.json, summary.json), "
            "what 'entente compare --out DIR' wrote (manifest.json, compare.json), or what 'entente backtest' "
            "(backtest.json) or 'entente calibrate' (calibration.csv, points.csv) wrote there; the manifest's "
            "command says which.\n\n"
            "Writes:\n"
            "  DIR/charts/        one chart per file stem: NAME.dat (the numbers), NAME.gp (the gnuplot "
            "script), NAME.png and NAME.svg. Fan charts of every outcome; for a comparison also the paired "
            "differences from the reference policy and the threshold probabilities.\n"
            "  DIR/report.html    one self-contained file (charts inline, no network, no scripts): the "
            "scenario, the settings, headline tables, thresholds, robustness, the charts and the full manifest. "
            "Open it in a browser; print it to PDF from there (figures and tables are not split across "
            "pages).\n\n"
            "Prints the path of report.html. Needs gnuplot (Debian package gnuplot-nox).\n"
            "Exit codes: 0 written; 2 DIR lacks the files or they are invalid; 1 gnuplot failed.\n"
            "More: docs/reports.md.\n\n"
            "Examples:\n"
            "  entente run scenarios/sino_russia_2035.yaml --runs 10000 --out out/base\n"
            "  entente report out/base     # then open out/base/report.html in a browser\n"
            "  entente report out/cmp      # redraw a comparison's charts and page from its files\n";
    std::cout << fit_help(help.str());
    return kOk;
  }
  if (!vm.count("dir")) throw UsageError{"missing the result DIR (see entente report --help)"};
  const std::string dir = vm["dir"].as<std::string>();
  // A ReportInputError is bad input (exit 2): report_exception maps it.
  std::cout << analysis::write_report(dir) << "\n";
  return kOk;
}

}  // namespace entente::cli
