// tests/unit/runtime_signal_test.cpp: the signal thread (runtime/signal.h):
// a notified signal is delivered on the signal thread, an ignored one is
// dropped, and delivery keeps the deadlock check quiet.
#include <doctest/doctest.h>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "runtime/signal.h"
#include "tests/unit/runtime_test_support.h"

namespace gsl::runtime {
namespace {

std::atomic<int> gDelivered{0};
std::atomic<int> gLastSignal{0};

void countDelivery(int sig) {
  gLastSignal.store(sig);
  gDelivered.fetch_add(1);
}

// Installs a counting deliver hook for the test's duration, then puts the
// program's hooks back (the standard library installed them).
class DeliverySpy {
 public:
  DeliverySpy() : saved_(signalHooks()) {
    SignalHooks h = saved_;
    h.deliver = countDelivery;
    setSignalHooks(h);
    gDelivered.store(0);
    gLastSignal.store(0);
  }
  ~DeliverySpy() {
    setSignalAction(SIGUSR1, SignalAction::Default);
    setSignalAction(SIGUSR2, SignalAction::Default);
    setSignalHooks(saved_);
  }

 private:
  SignalHooks saved_;
};

bool waitFor(const std::atomic<int>& v, int want) {
  for (int i = 0; i < 2000 && v.load() < want; i++) usleep(1000);
  return v.load() >= want;
}

}  // namespace

TEST_SUITE("runtime") {

TEST_CASE("signals: a notified signal reaches the deliver hook on the signal thread") {
  DeliverySpy spy;
  int code = testing::runProgram(2, [](G*) {
    setSignalAction(SIGUSR1, SignalAction::Notify);
    ::kill(::getpid(), SIGUSR1);
    waitFor(gDelivered, 1);
    return RunResult::Exit;
  });
  CHECK(code == 0);
  CHECK(gDelivered.load() == 1);
  CHECK(gLastSignal.load() == SIGUSR1);
  CHECK(signalHandled(SIGINT));
  CHECK(signalHandled(SIGTERM));
  CHECK_FALSE(signalHandled(SIGPIPE));
  CHECK_FALSE(signalHandled(SIGPWR));  // the collector's
}

TEST_CASE("signals: an ignored signal, or one nobody asked for, is dropped") {
  DeliverySpy spy;
  int code = testing::runProgram(1, [](G*) {
    setSignalAction(SIGUSR1, SignalAction::Ignore);
    ::kill(::getpid(), SIGUSR1);
    ::kill(::getpid(), SIGUSR2);  // Default: Go ignores SIGUSR2
    setSignalAction(SIGUSR1, SignalAction::Notify);
    ::kill(::getpid(), SIGUSR1);
    waitFor(gDelivered, 1);
    usleep(20000);
    return RunResult::Exit;
  });
  CHECK(code == 0);
  CHECK(gDelivered.load() == 1);
}

TEST_CASE("signals: a signal sent to a thread that does not block it is forwarded") {
  DeliverySpy spy;
  int code = testing::runProgram(1, [](G*) {
    setSignalAction(SIGUSR2, SignalAction::Notify);
    // A thread that unblocks the set, like one created before initSignals.
    std::thread t([] {
      sigset_t set;
      sigemptyset(&set);
      sigaddset(&set, SIGUSR2);
      pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
      pthread_kill(pthread_self(), SIGUSR2);
    });
    t.join();
    waitFor(gDelivered, 1);
    return RunResult::Exit;
  });
  CHECK(code == 0);
  CHECK(gDelivered.load() == 1);
  CHECK(gLastSignal.load() == SIGUSR2);
}

}  // TEST_SUITE
}  // namespace gsl::runtime
