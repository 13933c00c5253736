// Unit tests for package fmt's printer over VM values (stdlib/fmt_printer.h),
// with the related error values of packages errors and strconv. Values are
// built directly with the VM's constructors; the types with methods get
// native methods. Every expected string is what Go 1.19 prints for the
// equivalent Go program (types T, S, P, E, U below).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/unit/stdlib_test_support.h"
#include "vm/map.h"

using namespace gsl::vm;

namespace {

using gsl::stdlib::testing::call;
using gsl::stdlib::testing::member;
using gsl::stdlib::testing::sliceOfValues;
using gsl::stdlib::testing::str;

Value S_(std::string_view s) { return makeString(s); }
Value I(int64_t i) { return makeInt(i); }

std::string sprintf(std::string_view format, std::vector<Value> args) {
  args.insert(args.begin(), makeString(format));
  return str(call("fmt", "Sprintf", args)[0]);
}
std::string sprintln(std::vector<Value> args) { return str(call("fmt", "Sprintln", args)[0]); }
std::string sprint(std::vector<Value> args) { return str(call("fmt", "Sprint", args)[0]); }

Field fieldOf(std::string_view name, const Type* t) {
  Field f;
  f.name = name;
  f.type = t;
  f.exported = name[0] >= 'A' && name[0] <= 'Z';
  return f;
}

int retString(const char* s, Value* out) {
  out[0] = makeString(s);
  return 1;
}

// type T struct { X int; Y string }
const Type* typeT() {
  static const Type* t = newNamed("main", "main", "T",
                                  structOf(std::vector<Field>{fieldOf("X", types::intType()),
                                                              fieldOf("Y", types::stringType())}));
  return t;
}
Value makeT(int64_t x, std::string_view y) {
  StructObj* s = newStruct(typeT());
  s->fields()[0] = makeInt(x);
  s->fields()[1] = makeString(y);
  return Value::object(s);
}

// type S struct{ n int }; func (s S) String() string { return "S!" }
const Type* typeS() {
  static const Type* t = [] {
    Type* n = newNamed("main", "main", "S", structOf(std::vector<Field>{fieldOf("n", types::intType())}));
    addMethod(n, "String",
              Value::object(makeNative("main.S.String",
                                       [](Thread&, const Value*, int, Value* out) { return retString("S!", out); })),
              false);
    return n;
  }();
  return t;
}
// type P struct{ n int }; func (p *P) String() string { return "P!" }
const Type* typeP() {
  static const Type* t = [] {
    Type* n = newNamed("main", "main", "P", structOf(std::vector<Field>{fieldOf("n", types::intType())}));
    addMethod(n, "String",
              Value::object(makeNative("main.P.String",
                                       [](Thread&, const Value*, int, Value* out) { return retString("P!", out); })),
              true);
    return n;
  }();
  return t;
}
// type E struct{}; Error() "E!"; String() "not used"
const Type* typeE() {
  static const Type* t = [] {
    Type* n = newNamed("main", "main", "E", structOf(std::vector<Field>{}));
    addMethod(n, "Error",
              Value::object(makeNative("main.E.Error",
                                       [](Thread&, const Value*, int, Value* out) { return retString("E!", out); })),
              false);
    addMethod(n, "String",
              Value::object(makeNative("main.E.String", [](Thread&, const Value*, int, Value* out) {
                return retString("not used", out);
              })),
              false);
    return n;
  }();
  return t;
}
Value makeWithN(const Type* t, int64_t n) {
  StructObj* s = newStruct(t);
  s->fields()[0] = makeInt(n);
  return Value::object(s);
}


}  // namespace

TEST_SUITE("stdlib.fmt") {
TEST_CASE("Println separates every operand by a space and Print only between non-strings") {
  CHECK(sprintln({I(1), S_("a"), S_("b"), I(2), I(3), Value(), kTrue, makeFloat(2.5)}) ==
        "1 a b 2 3 <nil> true 2.5\n");
  CHECK(sprint({I(1), I(2), S_("a"), I(3), S_("b"), S_("c"), makeFloat(4.5), Value(), I(6), S_("\n")}) ==
        "1 2a3bc4.5 <nil> 6\n");
}

TEST_CASE("structs print plain, with field names, and in Go syntax") {
  Value t = makeT(1, "a");
  CHECK(sprintf("%v|%+v|%#v|%T", {t, t, t, t}) == "{1 a}|{X:1 Y:a}|main.T{X:1, Y:\"a\"}|main.T");
}

TEST_CASE("a pointer to a struct prints as &{...} at top level only") {
  Value p = Value::ref(makeT(1, "a").asObject());
  Value nilSlice = sliceOfValues(pointerTo(typeT()), {nilOf(pointerTo(typeT()))});
  CHECK(sprintf("%v|%+v|%#v", {p, p, nilSlice}) == "&{1 a}|&{X:1 Y:a}|[]*main.T{(*main.T)(nil)}");
  std::string nested = sprintf("%v", {sliceOfValues(pointerTo(typeT()), {p})});
  CHECK(nested.rfind("[0x", 0) == 0);
}

TEST_CASE("nil slices and maps print empty, or typed nil with %#v") {
  Value s = nilOf(sliceOf(types::intType()));
  Value m = nilOf(mapOf(types::stringType(), types::intType()));
  Value strs = sliceOfValues(types::stringType(), {S_("a")});
  CHECK(sprintf("%v|%#v|%v|%#v|%v|%d", {s, s, m, m, strs, strs}) ==
        "[]|[]int(nil)|map[]|map[string]int(nil)|[a]|[%!d(string=a)]");
}

TEST_CASE("map keys are printed in sorted order") {
  Value m1 = makeMap(mapOf(types::stringType(), types::intType()));
  mapSet(m1, S_("b"), I(2));
  mapSet(m1, S_("a"), I(1));
  mapSet(m1, S_("c"), I(3));
  Value m2 = makeMap(mapOf(types::intType(), types::stringType()));
  mapSet(m2, I(3), S_("c"));
  mapSet(m2, I(-1), S_("a"));
  mapSet(m2, I(2), S_("b"));
  Value m3 = makeMap(mapOf(types::float64Type(), types::boolType()));
  mapSet(m3, makeFloat(2.5), kTrue);
  mapSet(m3, makeFloat(-1), kFalse);
  Value m4 = makeMap(mapOf(types::boolType(), types::intType()));
  mapSet(m4, kTrue, I(1));
  mapSet(m4, kFalse, I(0));
  CHECK(sprintln({m1, m2, m3, m4}) == "map[a:1 b:2 c:3] map[-1:a 2:b 3:c] map[-1:false 2.5:true] map[false:0 true:1]\n");
  Value any = sliceOfValues(types::anyType(), {I(1), S_("a"), Value(), makeFloat(2.5)});
  CHECK(sprintf("%#v %#v", {m1, any}) ==
        "map[string]int{\"a\":1, \"b\":2, \"c\":3} []interface {}{1, \"a\", interface {}(nil), 2.5}");
}

TEST_CASE("String and Error methods are used by method set, Error first") {
  Value s1 = makeWithN(typeS(), 1);
  Value s2 = Value::ref(makeWithN(typeS(), 2).asObject());
  Value p3 = makeWithN(typeP(), 3);
  Value p4 = Value::ref(makeWithN(typeP(), 4).asObject());
  Value e = Value::object(newStruct(typeE()));
  Value sl = sliceOfValues(typeS(), {makeWithN(typeS(), 1)});
  Value pl = sliceOfValues(typeP(), {makeWithN(typeP(), 1)});
  Value ppl = sliceOfValues(pointerTo(typeP()), {Value::ref(makeWithN(typeP(), 1).asObject())});
  Value m = makeMap(mapOf(typeS(), types::intType()));
  mapSet(m, makeWithN(typeS(), 1), I(1));
  CHECK(sprintln({s1, s2, p3, p4, e, sl, pl, ppl, m}) == "S! S! {3} P! E! [S!] [{1}] [P!] map[S!:1]\n");
}

TEST_CASE("methods apply to v s q x X but not d, nor through unexported fields") {
  Value s = makeWithN(typeS(), 1);
  const Type* u = newNamed("main", "main", "U",
                           structOf(std::vector<Field>{fieldOf("d", typeS()), fieldOf("D", typeS())}));
  Value uv = zeroValue(u);
  CHECK(sprintf("%s|%q|%x|%d|%v", {s, s, s, s, uv}) == "S!|\"S!\"|5321|{1}|{{0} S!}");
}

TEST_CASE("byte slices and arrays print as text for s q x X") {
  const Type* byteSlice = sliceOf(types::uint8Type());
  Value hi = sliceOfValues(types::uint8Type(), {makeIntOfType(types::uint8Type(), int64_t{'h'}),
                                                makeIntOfType(types::uint8Type(), int64_t{'i'})});
  CHECK(typeOf(hi) == byteSlice);
  CHECK(sprintf("%x|%X|% x|%s|%q|%v|%#v", {hi, hi, hi, hi, hi, hi, hi}) ==
        "6869|6869|68 69|hi|\"hi\"|[104 105]|[]byte{0x68, 0x69}");
  ArrayObj* a = newArray(arrayOf(types::uint8Type(), 2));
  a->bytes()[0] = 65;  // [N]byte arrays hold one byte per element
  a->bytes()[1] = 66;
  Value av = Value::object(a);
  CHECK(sprintf("%s|%v|%x", {av, av, av}) == "AB|[65 66]|4142");
}

TEST_CASE("%T names types as Go does") {
  CHECK(sprintf("%T|%T|%T|%T", {sliceOfValues(types::intType(), {}),
                                  Value::ref(makeT(0, "").asObject()), Value(),
                                  call("errors", "New", {S_("x")})[0]}) ==
        "[]int|*main.T|<nil>|*errors.errorString");
}

TEST_CASE("Errorf with %w wraps its operand for errors.Unwrap") {
  Value inner = call("errors", "New", {S_("inner")})[0];
  Value w = call("fmt", "Errorf", {S_("wrap: %w"), inner})[0];
  Value u = call("errors", "Unwrap", {w})[0];
  CHECK(u.sameBits(inner));
  CHECK(call("errors", "Unwrap", {inner})[0].isNil());
  CHECK(sprintln({w, u}) == "wrap: inner inner\n");
  Value e = call("errors", "New", {S_("e")})[0];
  CHECK(sprintf("%v|%#v", {e, e}) == "e|&errors.errorString{s:\"e\"}");
  CHECK(sprintln({call("fmt", "Errorf", {S_("%w"), I(5)})[0], S_(sprintf("%w", {e}))}) ==
        "%!w(int=5) %!w(*errors.errorString=&{e})\n");
}

TEST_CASE("Errorf with several %w unwraps to all of them") {
  Value a = call("errors", "New", {S_("a")})[0];
  Value b = call("errors", "New", {S_("b")})[0];
  Value w = call("fmt", "Errorf", {S_("%w and %w"), a, b})[0];
  CHECK(sprint({w}) == "a and b");
  CHECK(call("errors", "Unwrap", {w})[0].isNil());
  CHECK(toBool(call("errors", "Is", {w, b})[0]));
}

TEST_CASE("strconv errors are *NumError values matching ErrSyntax and ErrRange") {
  std::vector<Value> r = call("strconv", "Atoi", {S_("12a")});
  Value err = r[1];
  CHECK(sprint({err}) == "strconv.Atoi: parsing \"12a\": invalid syntax");
  CHECK(toBool(call("errors", "Is", {err, member("strconv", "ErrSyntax")})[0]));
  CHECK_FALSE(toBool(call("errors", "Is", {err, member("strconv", "ErrRange")})[0]));
  r = call("strconv", "ParseInt", {S_("999"), I(10), I(8)});
  CHECK(toInt64(r[0]) == 127);
  CHECK(typeOf(r[0]) == types::int64Type());
  CHECK(sprint({r[1]}) == "strconv.ParseInt: parsing \"999\": value out of range");
  CHECK(toBool(call("errors", "Is", {r[1], member("strconv", "ErrRange")})[0]));
}

TEST_CASE("errors.Join joins messages with newlines and skips nils") {
  Value a = call("errors", "New", {S_("a")})[0];
  Value b = call("errors", "New", {S_("b")})[0];
  Value j = call("errors", "Join", {a, Value(), b})[0];
  CHECK(sprintf("%q", {j}) == "\"a\\nb\"");
  CHECK(toBool(call("errors", "Is", {j, b})[0]));
  CHECK(call("errors", "Join", {Value(), Value()})[0].isNil());
}

TEST_CASE("bad verbs inside composite values name the element") {
  Value strs = sliceOfValues(types::stringType(), {S_("a")});
  Value ints = sliceOfValues(types::intType(), {I(1)});
  const Type* anon = structOf(std::vector<Field>{fieldOf("A", types::intType()), fieldOf("b", types::intType())});
  StructObj* st = newStruct(anon);
  st->fields()[0] = I(1);
  st->fields()[1] = I(2);
  CHECK(sprintf("%d|%s|%v", {strs, ints, Value::object(st)}) == "[%!d(string=a)]|[%!s(int=1)]|{1 2}");
}

TEST_CASE("width applies to each element of a composite value") {
  Value ints = sliceOfValues(types::intType(), {I(1), I(2)});
  Value strs = sliceOfValues(types::stringType(), {S_("a")});
  Value three = sliceOfValues(types::intType(), {I(3)});
  Value hex = sliceOfValues(types::intType(), {I(10), I(11)});
  CHECK(sprintf("%5v|%-5v|%05d|%x", {ints, strs, three, hex}) == "[    1     2]|[a    ]|[00003]|[a b]");
}

TEST_CASE("nil interfaces inside structs print <nil> or their static type") {
  const Type* withErr = structOf(std::vector<Field>{fieldOf("E", types::errorType())});
  const Type* withAny = structOf(std::vector<Field>{fieldOf("I", types::anyType())});
  Value a = zeroValue(withErr), b = zeroValue(withAny);
  CHECK(sprintf("%v %v", {a, b}) == "{<nil>} {<nil>}");
  CHECK(sprintf("%#v %#v", {a, b}) ==
        "struct { E error }{E:error(nil)} struct { I interface {} }{I:interface {}(nil)}");
}

TEST_CASE("%#v of numbers uses Go syntax") {
  CHECK(sprintf("%#v|%#v|%#v|%#v|%#v",
                {makeIntOfType(types::int8Type(), int64_t{-1}), makeIntOfType(types::uint8Type(), int64_t{200}),
                 makeIntOfType(types::uint64Type(), uint64_t{1} << 63), makeIntOfType(types::int32Type(), int64_t{'x'}),
                 makeFloatOfType(types::float32Type(), 1.5)}) == "-1|0xc8|0x8000000000000000|120|1.5");
}

TEST_CASE("complex numbers print in parentheses with a signed imaginary part") {
  const Type* c = types::complex128Type();
  CHECK(sprintf("%v|%.2f|%8.3v|%+v", {makeComplexOfType(c, {1, -2}), makeComplexOfType(c, {1.5, 2.25}),
                                        makeComplexOfType(c, {1, 1}), makeComplexOfType(c, {-1, 0})}) ==
        "(1-2i)|(1.50+2.25i)|(       1      +1i)|(-1+0i)");
}
}
