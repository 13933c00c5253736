// stdlib/os_args.h: the command line that os.Args reports.
//
// Contract: the command (cli/) calls setCommandLine() before the script
// runs, with the script's path first and then its arguments; os.Args is a
// fresh []string of exactly those strings. Without a call, os.Args is
// empty.
#pragma once

#include <string>
#include <vector>

namespace gsl::stdlib {

void setCommandLine(std::vector<std::string> args);

}  // namespace gsl::stdlib
