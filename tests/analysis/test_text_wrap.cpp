// Prose lines of terminal output broken at spaces to fit 80 columns.
#include <catch2/catch.hpp>

#include "analysis/writers/text_wrap.hpp"

using entente::analysis::wrap_prose;

TEST_CASE("wrap_prose breaks long lines at spaces and indents the continuations", "[writers]") {
  CHECK(wrap_prose("short line") == "short line");
  CHECK(wrap_prose("") == "");
  CHECK(wrap_prose("a\n\nb\n") == "a\n\nb\n");
  // Exactly the width stays whole; one more character breaks at the last space.
  const std::string eighty = std::string(39, 'x') + " " + std::string(40, 'y');
  CHECK(wrap_prose(eighty) == eighty);
  CHECK(wrap_prose(eighty + "z") == std::string(39, 'x') + "\n  " + std::string(41, 'y').replace(40, 1, "z"));
  CHECK(wrap_prose("one two three four", 9) == "one two\n  three\n  four");
  CHECK(wrap_prose("one two three four", 9, 4) == "one two\n    three\n    four");
  // Each line of a text is wrapped alone; a word longer than the width stays whole.
  CHECK(wrap_prose("aa bb cc\nddddddddddddd ee", 5) == "aa bb\n  cc\nddddddddddddd\n  ee");
}
