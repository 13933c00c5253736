// cli/repl.h: `gsl` with no arguments: the interactive REPL.
//
// One persistent program (compiler/session.h) runs every input once, on
// the scheduler, which keeps running between inputs (cli/repl_runner.h).
//
// Contract:
//  * On a terminal (standard input and output both ttys): a banner, the
//    prompt `gsl> `, the continuation prompt `...> ` while the parser says
//    the input is incomplete, line editing and history (libedit; history in
//    ~/.gsl_history), tab completion, Ctrl-C interrupting the running input
//    (or clearing the line being edited), Ctrl-D on an empty line exiting.
//    Output that goroutines write while the prompt is shown appears above
//    the prompt, which is then drawn again with the line being edited.
//  * Otherwise: standard input is read to its end as a sequence of inputs,
//    results are printed without prompts, and the exit status is the one a
//    script would have: 0, or 1 if an input did not compile, 2 if an input
//    panicked or deadlocked (the larger if both happened); inputs after a
//    failed one still run.
//  * An expression statement echoes its value as %v prints it; a call
//    echoes all its results, and several as a tuple: `(1, <nil>)`. Calls of
//    fmt's and log's print functions, and statements, print nothing more.
//  * Commands (a line starting with `:`): :help, :quit, :goroutines,
//    :stack N, :type EXPR, :disasm FUNC, :load FILE, :reset, :time EXPR,
//    :env. Unknown commands are reported and change nothing.
#pragma once

namespace gsl::cli {

// Runs the REPL; returns the process's exit status.
int runRepl();

}  // namespace gsl::cli
