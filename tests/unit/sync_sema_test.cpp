// Unit tests for package sync's address-keyed wait lists (stdlib/sync_sema.h):
// keys that share a bucket keep separate FIFO orders and counts.
#include <doctest/doctest.h>

#include "runtime/g.h"
#include "runtime/lock.h"
#include "runtime/park.h"
#include "stdlib/sync_sema.h"

namespace {

using gsl::runtime::Waiter;
using gsl::stdlib::SemaBucket;
using gsl::stdlib::semaBucket;
using gsl::stdlib::semaCount;
using gsl::stdlib::semaFirst;

// Two addresses 251 * 8 bytes apart hash to the same bucket.
alignas(16) char gArena[251 * 8 * 2 + 16];

}  // namespace

TEST_SUITE("sync") {
  TEST_CASE("keys sharing a bucket keep their own FIFO order and count") {
    const void* a = &gArena[0];
    const void* b = &gArena[251 * 8];
    SemaBucket& bucket = semaBucket(a);
    REQUIRE(&semaBucket(b) == &bucket);
    Waiter w[4];
    const void* keys[4] = {a, b, a, b};
    gsl::runtime::MutexLock lock(bucket.mu);
    for (int i = 0; i < 4; i++) {
      w[i].object = const_cast<void*>(keys[i]);
      bucket.queue.pushBack(&w[i]);
    }
    CHECK(semaCount(bucket, a) == 2);
    CHECK(semaCount(bucket, b) == 2);
    CHECK(semaFirst(bucket, a) == &w[0]);
    CHECK(semaFirst(bucket, b) == &w[1]);
    bucket.queue.remove(&w[0]);
    CHECK(semaFirst(bucket, a) == &w[2]);
    CHECK(semaCount(bucket, a) == 1);
    bucket.queue.remove(&w[1]);
    bucket.queue.remove(&w[2]);
    CHECK(semaFirst(bucket, a) == nullptr);
    CHECK(semaFirst(bucket, b) == &w[3]);
    bucket.queue.remove(&w[3]);
    CHECK(bucket.queue.empty());
    CHECK(semaCount(bucket, b) == 0);
  }
}
