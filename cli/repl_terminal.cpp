// cli/repl_terminal.cpp: the REPL on a terminal (cli/repl.h): line editing
// and history with libedit, tab completion, Ctrl-C, and output that does
// not break the line being edited.
//
// Output. Standard output and standard error (file descriptors 1 and 2)
// are redirected into one pipe, and this thread, the only one writing to
// the terminal, copies what arrives: while an input runs, as it comes;
// while the prompt is shown, above it: the line being edited is cleared,
// the output written, and the prompt and line drawn again. libedit itself
// writes to a duplicate of the terminal's descriptor.
//
// Input. libedit's callback interface (rl_callback_read_char) is fed from
// a poll() loop over the terminal and the output pipe, so that output and
// keys are handled by one thread. A finished line goes to pending_; inputs
// run outside libedit's callback, with the terminal in its normal mode.
//
// Ctrl-C: a SIGINT handler sets a flag. At the prompt it abandons the line
// (and any unfinished input); while an input runs it interrupts it
// (ReplRunner::interrupt).
#include <editline/readline.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli/command_line.h"
#include "cli/repl_impl.h"

namespace gsl::cli {

namespace {

std::atomic<bool> gSigint{false};
int gTerminalFd = -1;   // the terminal, for our own writes
int gOutputRead = -1;   // the read end of the output pipe
bool gAtPrompt = false;
bool gLineDone = false;
bool gEof = false;
std::string gLine;
Repl* gRepl = nullptr;
std::vector<std::string> gMatches;

void onSigint(int) { gSigint.store(true); }

void writeTerminal(std::string_view s) {
  while (!s.empty()) {
    ssize_t n = ::write(gTerminalFd, s.data(), s.size());
    if (n <= 0) return;
    s.remove_prefix(static_cast<size_t>(n));
  }
}

// Copies what the program wrote to the terminal; true if there was any.
// At the prompt, newlines become CR LF (the terminal may be in raw mode).
bool drainOutput(bool raw) {
  char buf[8192];
  bool any = false;
  for (;;) {
    ssize_t n = ::read(gOutputRead, buf, sizeof buf);
    if (n <= 0) break;
    any = true;
    if (!raw) {
      writeTerminal(std::string_view(buf, static_cast<size_t>(n)));
      continue;
    }
    std::string s;
    for (ssize_t i = 0; i < n; i++) {
      if (buf[i] == '\n') s += '\r';
      s += buf[i];
    }
    writeTerminal(s);
  }
  return any;
}

void onLine(char* line) {
  gLineDone = true;
  if (line == nullptr) {
    gEof = true;
    return;
  }
  gLine = line;
  std::free(line);
}

// Completion: libedit calls this with the word before the cursor (words
// break at spaces and punctuation other than '.', so `strings.Sp` is one).
char* completionEntry(const char* text, int state) {
  (void)text;
  if (state >= static_cast<int>(gMatches.size())) return nullptr;
  return strdup(gMatches[static_cast<size_t>(state)].c_str());
}

char** complete(const char* text, int start, int end) {
  (void)start;
  (void)end;
  rl_attempted_completion_over = 1;
  gMatches = gRepl->complete(text);
  if (gMatches.empty()) return nullptr;
  // A member completes without a trailing space, so that `(` can follow.
  rl_completion_append_character = '\0';
  return rl_completion_matches(text, completionEntry);
}

std::string historyPath() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return std::string(home) + "/.gsl_history";
}

}  // namespace

int runTerminalRepl(Repl& repl) {
  gRepl = &repl;
  std::fflush(stdout);
  // The terminal, for libedit and for copying output.
  gTerminalFd = ::dup(1);
  FILE* terminal = ::fdopen(::dup(gTerminalFd), "w");
  int fds[2];
  if (terminal == nullptr || ::pipe(fds) != 0) {
    std::perror("gsl: repl");
    return 1;
  }
  gOutputRead = fds[0];
  // Room for what a command prints at once (this thread both writes it and
  // copies it out).
  ::fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);
  ::fcntl(gOutputRead, F_SETFL, ::fcntl(gOutputRead, F_GETFL) | O_NONBLOCK);
  ::fcntl(gOutputRead, F_SETFD, FD_CLOEXEC);
  ::dup2(fds[1], 1);
  ::dup2(fds[1], 2);
  ::close(fds[1]);

  struct sigaction sa{};
  sa.sa_handler = onSigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: poll returns at once
  sigaction(SIGINT, &sa, nullptr);
  // This thread takes Ctrl-C (the runtime blocked it here: runRepl).
  sigset_t intr;
  sigemptyset(&intr);
  sigaddset(&intr, SIGINT);
  pthread_sigmask(SIG_UNBLOCK, &intr, nullptr);

  rl_instream = stdin;
  rl_outstream = terminal;
  rl_catch_signals = 0;
  rl_readline_name = const_cast<char*>("gsl");
  rl_completer_word_break_characters = const_cast<char*>(" \t\n\"\\'`@$><=;|&{(,)[]+-*/%!^");
  rl_attempted_completion_function = complete;
  std::string history = historyPath();
  using_history();
  stifle_history(1000);
  if (!history.empty()) read_history(history.c_str());

  writeTerminal("gsl " + std::string(kVersion) + " — Go syntax, live goroutines. Type :help for help, Ctrl-D to quit.\n");

  std::string pending;
  auto install = [&] {
    rl_callback_handler_install(pending.empty() ? "gsl> " : "...> ", onLine);
    gAtPrompt = true;
  };
  auto idle = [&] {
    drainOutput(false);
    if (gSigint.exchange(false)) {
      writeTerminal("\n");
      repl.interrupt();
    }
  };
  install();
  while (!repl.quitRequested()) {
    struct pollfd pf[2] = {{0, POLLIN, 0}, {gOutputRead, POLLIN, 0}};
    int r = ::poll(pf, 2, 200);
    if (gSigint.exchange(false)) {
      // Abandon the line being edited and any unfinished input.
      pending.clear();
      rl_replace_line("", 0);
      writeTerminal("^C\r\n");
      rl_callback_handler_remove();
      install();
      continue;
    }
    if (r <= 0) continue;
    if (pf[1].revents & POLLIN) {
      // Output of goroutines: above the prompt, which is then redrawn.
      writeTerminal("\r\033[K");
      drainOutput(true);
      rl_forced_update_display();
    }
    if (!(pf[0].revents & (POLLIN | POLLHUP))) continue;
    rl_callback_read_char();
    if (!gLineDone) continue;
    gLineDone = false;
    if (gEof) {
      if (!pending.empty()) {
        // Ctrl-D inside an unfinished input abandons it.
        pending.clear();
        gEof = false;
        writeTerminal("\n");
        rl_callback_handler_remove();
        install();
        continue;
      }
      writeTerminal("\n");
      break;
    }
    rl_callback_handler_remove();
    gAtPrompt = false;
    std::string line = gLine;
    if (!line.empty() && line.find_first_not_of(" \t") != std::string::npos) add_history(line.c_str());
    pending += line + "\n";
    if (Repl::needsMore(pending)) {
      install();
      continue;
    }
    std::string input;
    input.swap(pending);
    repl.eval(input, idle);
    std::fflush(stdout);
    drainOutput(false);
    if (!history.empty()) write_history(history.c_str());
    if (repl.quitRequested()) break;
    install();
  }
  if (gAtPrompt) rl_callback_handler_remove();
  std::fflush(stdout);
  drainOutput(false);
  if (!history.empty()) write_history(history.c_str());
  return 0;
}

}  // namespace gsl::cli
