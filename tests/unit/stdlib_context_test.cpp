// Unit tests of package context's native side (stdlib/context.cpp,
// stdlib/context.h): the cancellation tree and the release of timers.
#include <doctest/doctest.h>

#include "runtime/chan.h"
#include "runtime/timer.h"
#include "stdlib/context.h"
#include "stdlib/time.h"
#include "tests/unit/stdlib_test_support.h"
#include "vm/object.h"

namespace gsl::stdlib {
namespace {

using testing::call;
using testing::callMethod;
using testing::env;
using vm::Value;

// Whether ctx's Done channel is closed (a receive does not block).
bool isDone(Value ctx) {
  Value done = callMethod(ctx, "Done", {});
  runtime::Channel* c = runtime::asChannel(done);
  REQUIRE(c != nullptr);
  Value v;
  return runtime::chanRecv(nullptr, c, &v, runtime::BlockMode::NoBlock) == runtime::ChanStatus::Closed;
}

// Calls a CancelFunc (a native with its context's state bound).
void callCancel(Value f) {
  auto* fo = static_cast<vm::FuncObj*>(f.asObject());
  REQUIRE(static_cast<bool>(fo->native));
  REQUIRE(fo->hasBound);
  Value args[1] = {fo->bound};
  Value out[vm::kMaxNativeResults];
  fo->native(env().th, args, 1, out);
}

TEST_SUITE("stdlib context") {
  TEST_CASE("cancelling a context closes Done for it and every descendant, not its parent") {
    Value bg = call("context", "Background", {})[0];
    Value cancelParent;
    Value parent = newCancelContext(env().th, bg, &cancelParent);
    Value child = newCancelContext(env().th, parent, nullptr);
    Value grandchild = call("context", "WithValue", {child, vm::makeString("k"), vm::makeInt(1)})[0];
    Value leaf = newCancelContext(env().th, grandchild, nullptr);
    CHECK_FALSE(isDone(leaf));
    CHECK(cancelContext(child, Value(), Value()));
    CHECK(isDone(child));
    CHECK(isDone(leaf));
    CHECK_FALSE(isDone(parent));
    CHECK(callMethod(leaf, "Err", {}).bits() == canceledError().bits());
    callCancel(cancelParent);
    CHECK(isDone(parent));
    // Background is not a cancelable context.
    CHECK_FALSE(cancelContext(bg, Value(), Value()));
  }

  TEST_CASE("a cancelled timeout context takes its timer out of the timer heap") {
    Value bg = call("context", "Background", {})[0];
    int32_t before = runtime::timerCount();
    std::vector<Value> cancels;
    for (int i = 0; i < 50; i++) {
      std::vector<Value> r = call("context", "WithTimeout", {bg, makeDuration(3600LL * 1000000000LL)});
      REQUIRE(r.size() == 2);
      cancels.push_back(r[1]);
    }
    CHECK(runtime::timerCount() == before + 50);
    for (Value c : cancels) callCancel(c);
    CHECK(runtime::timerCount() == before);
  }

  TEST_CASE("cancelling a parent releases the timers of its timeout descendants") {
    Value bg = call("context", "Background", {})[0];
    int32_t before = runtime::timerCount();
    Value cancelParent;
    Value parent = newCancelContext(env().th, bg, &cancelParent);
    std::vector<Value> r = call("context", "WithTimeout", {parent, makeDuration(3600LL * 1000000000LL)});
    CHECK(runtime::timerCount() == before + 1);
    callCancel(cancelParent);
    CHECK(isDone(r[0]));
    CHECK(callMethod(r[0], "Err", {}).bits() == canceledError().bits());
    CHECK(runtime::timerCount() == before);
  }
}

}  // namespace
}  // namespace gsl::stdlib
