// stdlib/fmt_printer.h: package fmt's printer over script values (Go's pp
// type in print.go): Print, Println and Printf semantics for every kind of
// value, including the methods Go consults (Error, String, GoString) and
// the recovery from panics inside them.
//
// Contract: doPrint, doPrintln and doPrintf append to buf() exactly what
// Go's functions of the same name append for the same operands:
//  * operands of the predeclared basic types are formatted directly;
//  * otherwise Error() (preferred) or String() is used for the verbs
//    v s x X q when the value's method set has it (a pointer-receiver
//    method is not in a non-pointer value's method set); GoString() for %#v;
//  * composite values are walked recursively: slices and arrays `[1 2]`,
//    maps `map[k:v]` with keys sorted as internal/fmtsort sorts them,
//    structs `{1 2}` / `{X:1 Y:2}` (%+v) / `main.T{X:1, Y:2}` (%#v), a
//    pointer to a struct, array, slice or map at top level as `&{...}`,
//    deeper pointers as addresses; methods of values reached through
//    unexported struct fields are not called (Go cannot call them either);
//  * a panic in one of those methods prints `<nil>` when the operand is a
//    nil pointer, else `%!v(PANIC=String method: msg)`.
// Errorf support: with wrapErrs set, %w accepts an error operand and
// records its index in wrapped().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/fmt_formatter.h"
#include "vm/value.h"

namespace gsl::vm {
class Thread;
struct Type;
}  // namespace gsl::vm

namespace gsl::stdlib::fmt {

class Printer {
 public:
  explicit Printer(vm::Thread& th);
  Printer(const Printer&) = delete;
  Printer& operator=(const Printer&) = delete;

  std::string& buf() { return buf_; }

  void doPrint(const vm::Value* args, int nargs);
  void doPrintln(const vm::Value* args, int nargs);
  void doPrintf(std::string_view format, const vm::Value* args, int nargs);

  // Errorf: accept %w, and report which operands it consumed (in order of
  // appearance; sorted and deduplicated when indexes reordered them).
  void setWrapErrors(bool on) { wrapErrs_ = on; }
  const std::vector<size_t>& wrapped() const { return wrapped_; }
  bool reordered() const { return reordered_; }

  // Formats one operand under a verb with the current flags (Go's printArg).
  void printArg(vm::Value arg, char32_t verb);
  // Writes "type=value" or "<nil>" as %!(EXTRA ...) lists an operand.
  void printExtra(vm::Value arg);
  void noteWrapped(size_t i) { wrapped_.push_back(i); }

  Formatter& formatter() { return fmt_; }

 private:
  // The operand being printed, as Go's p.arg / p.value: `isArg` when it
  // came straight from the operand list (badVerb then re-prints it with
  // printArg), otherwise it is a nested value (printValue at depth 0).
  struct Current {
    vm::Value value;
    bool valid = false;
    bool isArg = false;
  };

  bool handleMethods(char32_t verb);
  void printValue(vm::Value v, const vm::Type* staticType, char32_t verb, int depth,
                  bool readOnly);
  void printMap(vm::Value v, const vm::Type* t, char32_t verb, int depth, bool readOnly);
  void printStruct(vm::Value v, const vm::Type* t, char32_t verb, int depth, bool readOnly);
  void printList(vm::Value v, const vm::Type* t, char32_t verb, int depth, bool readOnly);
  void fmtBytes(std::string_view bytes, bool isNil, char32_t verb, std::string_view typeString,
                vm::Value original);
  void fmtPointer(vm::Value v, char32_t verb);
  void fmtComplex(double re, double im, int size, char32_t verb);
  void badVerb(char32_t verb);
  // Calls method `name` of the current operand and prints its string result
  // under `verb` (Go's handleMethods body with catchPanic around it).
  void callStringMethod(const char* name, char32_t verb, bool goSyntax);

  vm::Thread& th_;
  std::string buf_;
  Formatter fmt_;
  Current cur_;
  bool erroring_ = false;
  bool panicking_ = false;
  bool wrapErrs_ = false;
  bool reordered_ = false;
  std::vector<size_t> wrapped_;
};

}  // namespace gsl::stdlib::fmt
