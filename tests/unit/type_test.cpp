// Unit tests for vm/type.h: interning, ids, %T spellings (each expected
// string is what Go 1.19's fmt.Printf("%T") prints for the same type),
// method sets and Go's sizes.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "vm/heap.h"
#include "vm/object.h"
#include "vm/type.h"

using namespace gsl::vm;

namespace {

const bool kHeapReady = (heapInit(), true);

const Type* sig(std::vector<const Type*> params, std::vector<const Type*> results,
                bool variadic = false) {
  return funcOf(params, results, variadic);
}

int nopNative(Thread&, const Value*, int, Value*) { return 0; }

Value nativeFn() { return Value::object(makeNative("m", nopNative)); }

}  // namespace

TEST_SUITE("type") {

TEST_CASE("predeclared basic types have fixed ids equal to their kind") {
  CHECK(types::boolType()->id == 1);
  CHECK(types::intType()->id == kTypeIdInt);
  CHECK(types::stringType()->id == kTypeIdString);
  for (int k = 1; k < kNumBasicKinds; k++) {
    const Type* t = basicType(static_cast<Kind>(k));
    CHECK(t->id == k);
    CHECK(typeById(t->id) == t);
    CHECK(t->underlying == t);
  }
  CHECK(types::byteType() == types::uint8Type());
  CHECK(types::runeType() == types::int32Type());
}

TEST_CASE("identical unnamed types are one Type*") {
  CHECK(sliceOf(types::intType()) == sliceOf(types::intType()));
  CHECK(sliceOf(types::intType()) != sliceOf(types::int8Type()));
  CHECK(pointerTo(types::stringType()) == pointerTo(types::stringType()));
  CHECK(mapOf(types::stringType(), types::intType()) == mapOf(types::stringType(), types::intType()));
  CHECK(mapOf(types::stringType(), types::intType()) != mapOf(types::intType(), types::stringType()));
  CHECK(arrayOf(types::intType(), 3) == arrayOf(types::intType(), 3));
  CHECK(arrayOf(types::intType(), 3) != arrayOf(types::intType(), 4));
  CHECK(chanOf(types::intType(), ChanDir::Recv) != chanOf(types::intType(), ChanDir::Both));
  CHECK(sig({types::intType()}, {types::stringType()}) == sig({types::intType()}, {types::stringType()}));
  CHECK(sig({sliceOf(types::intType())}, {}, true) != sig({sliceOf(types::intType())}, {}, false));
  Field a[1] = {{"X", types::intType()}};
  Field b[1] = {{"X", types::intType(), "json:\"x\""}};
  CHECK(structOf(a) == structOf(a));
  CHECK(structOf(a) != structOf(b));
  IMethod m1[2] = {{"B"}, {"A"}};
  IMethod m2[2] = {{"A"}, {"B"}};
  CHECK(interfaceOf(m1) == interfaceOf(m2));
  CHECK(interfaceOf({}) == types::anyType());
}

TEST_CASE("every type gets an id that finds it") {
  const Type* t = sliceOf(sliceOf(types::float32Type()));
  CHECK(t->id >= kNumBasicKinds);
  CHECK(typeById(t->id) == t);
  Type* n = newNamed("main", "main", "T", types::intType());
  CHECK(typeById(n->id) == n);
}

TEST_CASE("named types are distinct and carry their underlying structure") {
  Type* a = newNamed("main", "main", "A", sliceOf(types::intType()));
  Type* b = newNamed("main", "main", "A", sliceOf(types::intType()));
  CHECK(a != b);
  CHECK(a->kind == Kind::Slice);
  CHECK(a->elem == types::intType());
  CHECK(a->underlying == sliceOf(types::intType()));
  Type* c = newNamed("main", "main", "C", a);  // type C A: A's structure
  CHECK(c->underlying == sliceOf(types::intType()));
}

TEST_CASE("a recursive named type gets its underlying type later") {
  Type* node = newNamed("main", "main", "Node", nullptr);
  CHECK(node->kind == Kind::Invalid);
  Field fs[2] = {{"Val", types::intType()}, {"Next", pointerTo(node)}};
  setUnderlying(node, structOf(fs));
  CHECK(node->kind == Kind::Struct);
  CHECK(node->fields.size() == 2);
  CHECK(node->fields[1].type->elem == node);
  CHECK(typeString(node->underlying) == "struct { Val int; Next *main.Node }");
}

TEST_CASE("typeString spells types as Go's %T does") {
  Type* t = newNamed("main", "main", "T", structOf({}));
  Field fs[3] = {{"T", t, "", true}, {"B", types::stringType(), "json:\"b\""},
                 {"c", sliceOf(types::intType())}};
  CHECK(typeString(structOf(fs)) == "struct { main.T; B string \"json:\\\"b\\\"\"; c []int }");
  IMethod ms[2] = {{"M", sig({}, {})}, {"N", sig({types::intType()}, {types::stringType()})}};
  CHECK(typeString(sliceOf(interfaceOf(ms))) == "[]interface { M(); N(int) string }");
  CHECK(typeString(mapOf(types::stringType(), types::anyType())) == "map[string]interface {}");
  CHECK(typeString(sig({types::intType(), sliceOf(types::stringType())},
                       {types::intType(), types::errorType()}, true)) ==
        "func(int, ...string) (int, error)");
  CHECK(typeString(sig({types::intType()}, {types::errorType()})) == "func(int) error");
  CHECK(typeString(chanOf(types::intType(), ChanDir::Recv)) == "<-chan int");
  CHECK(typeString(chanOf(sliceOf(types::intType()), ChanDir::Send)) == "chan<- []int");
  CHECK(typeString(chanOf(chanOf(types::intType(), ChanDir::Recv), ChanDir::Both)) ==
        "chan (<-chan int)");
  CHECK(typeString(chanOf(types::intType(), ChanDir::Both)) == "chan int");
  CHECK(typeString(arrayOf(pointerTo(t), 3)) == "[3]*main.T");
  CHECK(typeString(sliceOf(types::errorType())) == "[]error");
  CHECK(typeString(structOf({})) == "struct {}");
  CHECK(typeString(sig({sliceOf(types::anyType())}, {types::intType(), types::errorType()}, true)) ==
        "func(...interface {}) (int, error)");
  CHECK(typeString(types::uint8Type()) == "uint8");
  CHECK(typeString(types::runeType()) == "int32");
  CHECK(typeString(nullptr) == "<nil>");
  Type* d = newNamed("time", "time", "Duration", types::int64Type());
  CHECK(typeString(d) == "time.Duration");
  CHECK(typeString(pointerTo(d)) == "*time.Duration");
}

TEST_CASE("error is a named interface with the method Error") {
  const Type* e = types::errorType();
  CHECK(e->kind == Kind::Interface);
  CHECK(typeString(e) == "error");
  REQUIRE(e->imethods.size() == 1);
  CHECK(e->imethods[0].name == "Error");
  CHECK(typeString(e->underlying) == "interface { Error() string }");
}

TEST_CASE("methods are added, replaced and found by name") {
  Type* t = newNamed("main", "main", "Counter", types::intType());
  addMethod(t, "Inc", nativeFn(), true);
  addMethod(t, "Get", nativeFn(), false);
  addMethod(t, "Add", nativeFn(), true);
  REQUIRE(t->methods().size() == 3);
  CHECK(t->methods()[0].name == "Add");
  CHECK(t->methods()[2].name == "Inc");
  Value replacement = nativeFn();
  addMethod(t, "Get", replacement, true);
  CHECK(t->methods().size() == 3);
  CHECK(t->findDeclaredMethod("Get")->fn.sameBits(replacement));
  CHECK(t->findDeclaredMethod("Get")->ptrRecv);
  CHECK(t->findDeclaredMethod("Nope") == nullptr);
}

TEST_CASE("method sets: pointer receivers belong to *T only") {
  Type* t = newNamed("main", "main", "T", structOf({}));
  addMethod(t, "Value", nativeFn(), false);
  addMethod(t, "Ptr", nativeFn(), true);
  MethodLookup v = lookupMethod(t, "Ptr");
  CHECK(v.found);
  CHECK_FALSE(v.inMethodSet);
  CHECK(lookupMethod(pointerTo(t), "Ptr").inMethodSet);
  CHECK(lookupMethod(t, "Value").inMethodSet);
  CHECK_FALSE(lookupMethod(t, "Missing").found);

  IMethod both[2] = {{"Ptr"}, {"Value"}};
  const Type* iface = interfaceOf(both);
  std::string missing;
  CHECK_FALSE(implements(t, iface, &missing));
  CHECK(missing == "Ptr");
  CHECK(implements(pointerTo(t), iface));
}

TEST_CASE("methods are promoted through embedded fields, shallowest first") {
  Type* inner = newNamed("main", "main", "Inner", structOf({}));
  addMethod(inner, "Hello", nativeFn(), false);
  addMethod(inner, "Set", nativeFn(), true);
  Field mid[2] = {{"x", types::intType()}, {"Inner", inner, "", true}};
  Type* middle = newNamed("main", "main", "Middle", structOf(mid));
  Field out[1] = {{"Middle", pointerTo(middle), "", true}};
  Type* outer = newNamed("main", "main", "Outer", structOf(out));

  MethodLookup l = lookupMethod(outer, "Hello");
  REQUIRE(l.found);
  CHECK(l.declaredOn == inner);
  CHECK(l.path == std::vector<int>{0, 1});
  CHECK(l.inMethodSet);
  // Set has a pointer receiver but is reached through the embedded *Middle.
  CHECK(lookupMethod(outer, "Set").inMethodSet);
  CHECK_FALSE(lookupMethod(middle, "Set").inMethodSet);
  CHECK(lookupMethod(pointerTo(middle), "Set").inMethodSet);

  // A method declared on Outer itself hides the promoted one.
  addMethod(outer, "Hello", nativeFn(), false);
  MethodLookup own = lookupMethod(outer, "Hello");
  CHECK(own.declaredOn == outer);
  CHECK(own.path.empty());
}

TEST_CASE("two promoted methods at the same depth are ambiguous") {
  Type* a = newNamed("main", "main", "A", structOf({}));
  Type* b = newNamed("main", "main", "B", structOf({}));
  addMethod(a, "M", nativeFn(), false);
  addMethod(b, "M", nativeFn(), false);
  Field fs[2] = {{"A", a, "", true}, {"B", b, "", true}};
  const Type* s = structOf(fs);
  CHECK_FALSE(lookupMethod(s, "M").found);
}

TEST_CASE("an embedded interface promotes its methods dynamically") {
  const Type* str = types::stringType();
  IMethod m[1] = {{"String", funcOf({}, std::span<const Type* const>(&str, 1), false)}};
  Type* stringer = newNamed("fmt", "fmt", "Stringer", interfaceOf(m));
  Field fs[1] = {{"Stringer", stringer, "", true}};
  Type* w = newNamed("main", "main", "Wrap", structOf(fs));
  MethodLookup l = lookupMethod(w, "String");
  CHECK(l.found);
  CHECK(l.method == nullptr);
  CHECK(l.path == std::vector<int>{0});
  CHECK(implements(w, stringer));
}

TEST_CASE("comparability follows Go's rules") {
  CHECK(isComparable(types::intType()));
  CHECK_FALSE(isComparable(sliceOf(types::intType())));
  Field fs[1] = {{"M", mapOf(types::intType(), types::intType())}};
  CHECK_FALSE(isComparable(structOf(fs)));
  CHECK_FALSE(isComparable(arrayOf(sig({}, {}), 2)));
  CHECK(isComparable(arrayOf(types::stringType(), 2)));
  CHECK(isComparable(types::anyType()));
}

TEST_CASE("goSizeOf matches unsafe.Sizeof on amd64") {
  CHECK(goSizeOf(types::intType()) == 8);
  CHECK(goSizeOf(types::uint8Type()) == 1);
  CHECK(goSizeOf(types::stringType()) == 16);
  CHECK(goSizeOf(sliceOf(types::intType())) == 24);
  CHECK(goSizeOf(types::anyType()) == 16);
  CHECK(goSizeOf(types::complex64Type()) == 8);
  Field fs[3] = {{"a", types::boolType()}, {"b", types::int64Type()}, {"c", types::int16Type()}};
  CHECK(goSizeOf(structOf(fs)) == 24);
  Field z[2] = {{"a", types::int32Type()}, {"b", structOf({})}};
  CHECK(goSizeOf(structOf(z)) == 8);  // trailing zero-size field padded
  CHECK(goSizeOf(arrayOf(types::int32Type(), 5)) == 20);
  CHECK(goSizeOf(structOf({})) == 0);
}

TEST_CASE("interning is thread-safe: concurrent constructions agree") {
  std::vector<const Type*> seen(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; i++) {
    threads.emplace_back([&seen, i] {
      heapRegisterThread();
      const Type* t = nullptr;
      for (int k = 0; k < 200; k++) {
        t = mapOf(types::stringType(), sliceOf(arrayOf(types::uint16Type(), 77)));
      }
      seen[i] = t;
      heapUnregisterThread();
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 1; i < 4; i++) CHECK(seen[i] == seen[0]);
}

}  // TEST_SUITE
