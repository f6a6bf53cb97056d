// Input problems: where they are and what is wrong.
//
// Every error a user can cause with a scenario file, an overlay or a --set
// override is a Diagnostic with file, line and column. The loader collects all
// of a file's problems before it stops (a user fixes them in one pass), then
// throws ScenarioError carrying the list.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>
#include "sim/util/error.hpp"

namespace entente {

struct SourceLocation {
  std::string file;  // file path, or "--set" for command-line overrides
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown
};

struct Diagnostic {
  SourceLocation where;
  std::string message;
  // "file:line:column: error: message"
  std::string format() const;
};

class Diagnostics {
 public:
  void error(const SourceLocation& where, std::string message);
  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  const std::vector<Diagnostic>& list() const { return list_; }
  // Sorted by file, line and column; duplicates removed.
  std::vector<Diagnostic> sorted() const;
  // Throws ScenarioError when any error was recorded.
  void throw_if_any() const;

 private:
  std::vector<Diagnostic> list_;
};

// Exit code 2; report_exception prints every diagnostic.
class ScenarioError : public InputError {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace entente
