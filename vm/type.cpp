// vm/type.cpp: type construction, interning, %T spelling and method sets.
#include "vm/type.h"

#include <algorithm>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "vm/heap.h"
#include "vm/panic.h"

namespace gsl::vm {

// The basic types are constant-initialised, so they (and the id table
// entries naming them) exist before any static constructor runs.
#define GSL_BASIC_TYPE(K, N)                                                           \
  Type {                                                                               \
    .kind = Kind::K, .id = static_cast<uint16_t>(Kind::K), .name = N,                  \
    .underlying = &gBasicTypes[static_cast<int>(Kind::K)]                              \
  }

constinit Type gBasicTypes[kNumBasicKinds] = {
    Type{},
    GSL_BASIC_TYPE(Bool, "bool"),
    GSL_BASIC_TYPE(Int, "int"),
    GSL_BASIC_TYPE(Int8, "int8"),
    GSL_BASIC_TYPE(Int16, "int16"),
    GSL_BASIC_TYPE(Int32, "int32"),
    GSL_BASIC_TYPE(Int64, "int64"),
    GSL_BASIC_TYPE(Uint, "uint"),
    GSL_BASIC_TYPE(Uint8, "uint8"),
    GSL_BASIC_TYPE(Uint16, "uint16"),
    GSL_BASIC_TYPE(Uint32, "uint32"),
    GSL_BASIC_TYPE(Uint64, "uint64"),
    GSL_BASIC_TYPE(Uintptr, "uintptr"),
    GSL_BASIC_TYPE(Float32, "float32"),
    GSL_BASIC_TYPE(Float64, "float64"),
    GSL_BASIC_TYPE(Complex64, "complex64"),
    GSL_BASIC_TYPE(Complex128, "complex128"),
    GSL_BASIC_TYPE(String, "string"),
    GSL_BASIC_TYPE(UnsafePointer, "unsafe.Pointer"),
};
#undef GSL_BASIC_TYPE

constinit std::atomic<const Type*> gTypesById[65536] = {
    nullptr,          &gBasicTypes[1],  &gBasicTypes[2],  &gBasicTypes[3],  &gBasicTypes[4],
    &gBasicTypes[5],  &gBasicTypes[6],  &gBasicTypes[7],  &gBasicTypes[8],  &gBasicTypes[9],
    &gBasicTypes[10], &gBasicTypes[11], &gBasicTypes[12], &gBasicTypes[13], &gBasicTypes[14],
    &gBasicTypes[15], &gBasicTypes[16], &gBasicTypes[17], &gBasicTypes[18],
};
static_assert(kNumBasicKinds == 19, "update gTypesById's initialiser");

namespace {

std::atomic<uint32_t> gNextTypeId{kNumBasicKinds};

// One lock for interning, naming and method tables: all are rare (type
// construction happens at compile time or once per distinct type).
std::mutex& typeLock() {
  static std::mutex m;
  return m;
}

std::unordered_map<std::string, const Type*>& internTable() {
  static auto* t = new std::unordered_map<std::string, const Type*>();
  return *t;
}

// Allocates a type in permanent scanned memory and gives it an id. The
// caller fills it in and then publishes it (publishType) under typeLock.
Type* allocType(Kind k) {
  void* mem = allocRoot(sizeof(Type));
  Type* t = new (mem) Type{};
  t->kind = k;
  uint32_t id = gNextTypeId.fetch_add(1, std::memory_order_relaxed);
  if (id > 0xFFFF) fatalError("too many types (limit 65535)");
  t->id = static_cast<uint16_t>(id);
  t->underlying = t;
  return t;
}

void publishType(const Type* t) { gTypesById[t->id].store(t, std::memory_order_release); }

template <class T>
std::span<const T> copySpan(std::span<const T> src) {
  if (src.empty()) return {};
  T* mem = new T[src.size()];
  std::copy(src.begin(), src.end(), mem);
  return {mem, src.size()};
}

void appendId(std::string& key, const Type* t) {
  uint16_t id = t ? t->id : 0;
  key.push_back(static_cast<char>(id & 0xFF));
  key.push_back(static_cast<char>(id >> 8));
}

void appendName(std::string& key, std::string_view s) {
  key.append(std::to_string(s.size()));
  key.push_back(':');
  key.append(s);
}

// Finds or creates the unnamed type with this key; `fill` sets up a new
// one. Runs under typeLock.
template <class Fill>
const Type* intern(const std::string& key, Kind kind, Fill fill) {
  std::lock_guard<std::mutex> lock(typeLock());
  auto& table = internTable();
  auto it = table.find(key);
  if (it != table.end()) return it->second;
  Type* t = allocType(kind);
  fill(t);
  publishType(t);
  table.emplace(key, t);
  return t;
}

std::string_view internNameLocked(std::string_view s) {
  static auto* names = new std::unordered_set<std::string>();
  return *names->emplace(s).first;
}

bool isExportedName(std::string_view name) {
  return !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
}

}  // namespace

std::string_view internName(std::string_view s) {
  std::lock_guard<std::mutex> lock(typeLock());
  return internNameLocked(s);
}

const Method* Type::findDeclaredMethod(std::string_view n) const {
  std::span<const Method> ms = methods();
  auto it = std::lower_bound(ms.begin(), ms.end(), n,
                             [](const Method& m, std::string_view k) { return m.name < k; });
  if (it != ms.end() && it->name == n) return &*it;
  return nullptr;
}

// ---- Construction -----------------------------------------------------------

const Type* sliceOf(const Type* elem) {
  if (const Type* c = elem->sliceOf_.load(std::memory_order_acquire)) return c;
  std::string key = "S";
  appendId(key, elem);
  const Type* t = intern(key, Kind::Slice, [&](Type* n) { n->elem = elem; });
  elem->sliceOf_.store(t, std::memory_order_release);
  return t;
}

const Type* pointerTo(const Type* elem) {
  if (const Type* c = elem->ptrTo_.load(std::memory_order_acquire)) return c;
  std::string key = "P";
  appendId(key, elem);
  const Type* t = intern(key, Kind::Pointer, [&](Type* n) { n->elem = elem; });
  elem->ptrTo_.store(t, std::memory_order_release);
  return t;
}

const Type* arrayOf(const Type* elem, int64_t len) {
  std::string key = "A";
  appendId(key, elem);
  key.append(std::to_string(len));
  return intern(key, Kind::Array, [&](Type* n) {
    n->elem = elem;
    n->len = len;
  });
}

const Type* mapOf(const Type* k, const Type* v) {
  std::string key = "M";
  appendId(key, k);
  appendId(key, v);
  return intern(key, Kind::Map, [&](Type* n) {
    n->key = k;
    n->elem = v;
  });
}

const Type* chanOf(const Type* elem, ChanDir dir) {
  std::string key = "C";
  appendId(key, elem);
  key.push_back(static_cast<char>('0' + static_cast<int>(dir)));
  return intern(key, Kind::Chan, [&](Type* n) {
    n->elem = elem;
    n->dir = dir;
  });
}

const Type* funcOf(std::span<const Type* const> params, std::span<const Type* const> results,
                   bool variadic) {
  std::string key = "F";
  for (const Type* p : params) appendId(key, p);
  key.push_back(variadic ? 'v' : ';');
  for (const Type* r : results) appendId(key, r);
  return intern(key, Kind::Func, [&](Type* n) {
    n->params = copySpan(params);
    n->results = copySpan(results);
    n->variadic = variadic;
  });
}

const Type* structOf(std::span<const Field> fields) {
  std::string key = "T";
  for (const Field& f : fields) {
    appendName(key, f.name);
    appendId(key, f.type);
    appendName(key, f.tag);
    key.push_back(f.embedded ? 'e' : 'n');
  }
  return intern(key, Kind::Struct, [&](Type* n) {
    Field* copy = new Field[fields.size() ? fields.size() : 1];
    for (size_t i = 0; i < fields.size(); i++) {
      copy[i] = fields[i];
      copy[i].name = internNameLocked(fields[i].name);
      copy[i].tag = internNameLocked(fields[i].tag);
      copy[i].exported = isExportedName(fields[i].name);
    }
    n->fields = std::span<const Field>(copy, fields.size());
  });
}

const Type* interfaceOf(std::span<const IMethod> methods) {
  std::vector<IMethod> sorted(methods.begin(), methods.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const IMethod& a, const IMethod& b) { return a.name < b.name; });
  sorted.erase(std::unique(sorted.begin(), sorted.end(),
                           [](const IMethod& a, const IMethod& b) { return a.name == b.name; }),
               sorted.end());
  std::string key = "I";
  for (const IMethod& m : sorted) {
    appendName(key, m.name);
    appendId(key, m.sig);
  }
  return intern(key, Kind::Interface, [&](Type* n) {
    IMethod* copy = new IMethod[sorted.size() ? sorted.size() : 1];
    for (size_t i = 0; i < sorted.size(); i++) {
      copy[i] = sorted[i];
      copy[i].name = internNameLocked(sorted[i].name);
    }
    n->imethods = std::span<const IMethod>(copy, sorted.size());
  });
}

namespace {

void copyStructure(Type* named, const Type* u) {
  named->underlying = u;
  named->elem = u->elem;
  named->key = u->key;
  named->len = u->len;
  named->dir = u->dir;
  named->fields = u->fields;
  named->imethods = u->imethods;
  named->params = u->params;
  named->results = u->results;
  named->variadic = u->variadic;
  named->kind = u->kind;
}

}  // namespace

Type* newNamed(std::string_view pkg, std::string_view pkgPath, std::string_view name,
               const Type* underlying) {
  std::lock_guard<std::mutex> lock(typeLock());
  Type* t = allocType(Kind::Invalid);
  t->name = internNameLocked(name);
  t->pkg = internNameLocked(pkg);
  t->pkgPath = internNameLocked(pkgPath);
  t->underlying = nullptr;
  if (underlying) {
    GSL_ASSERT(underlying->underlying != nullptr);
    copyStructure(t, underlying->underlying);
  }
  publishType(t);
  return t;
}

void setUnderlying(Type* named, const Type* underlying) {
  std::lock_guard<std::mutex> lock(typeLock());
  GSL_ASSERT(underlying && underlying->underlying);
  copyStructure(named, underlying->underlying);
}

void addMethod(Type* named, std::string_view name, Value fn, bool ptrRecv) {
  std::lock_guard<std::mutex> lock(typeLock());
  std::span<const Method> old = named->methods();
  size_t n = old.size() + 1;
  // One block: the table header, then the sorted methods. Collectable and
  // scanned; the Type (a root) keeps it alive, readers holding an old table
  // keep that one alive.
  void* mem = allocObject(sizeof(MethodTable) + n * sizeof(Method));
  auto* table = new (mem) MethodTable{};
  auto* ms = reinterpret_cast<Method*>(static_cast<char*>(mem) + sizeof(MethodTable));
  std::string_view iname = internNameLocked(name);
  size_t out = 0;
  bool placed = false;
  for (const Method& m : old) {
    if (!placed && iname <= m.name) {
      ms[out++] = Method{iname, fn, ptrRecv};
      placed = true;
      if (m.name == iname) continue;  // replaced
    }
    ms[out++] = m;
  }
  if (!placed) ms[out++] = Method{iname, fn, ptrRecv};
  table->methods = std::span<const Method>(ms, out);
  named->methods_.store(table, std::memory_order_release);
}

namespace types {

const Type* anyType() {
  static const Type* t = interfaceOf({});
  return t;
}

const Type* errorType() {
  static const Type* t = [] {
    const Type* str = stringType();
    const Type* sig = funcOf({}, std::span<const Type* const>(&str, 1), false);
    IMethod m{"Error", sig};
    return newNamed("", "", "error", interfaceOf(std::span<const IMethod>(&m, 1)));
  }();
  return t;
}

}  // namespace types

// ---- %T ---------------------------------------------------------------------

namespace {

// Go's strconv.Quote for struct tags (ASCII escapes; other bytes as is when
// valid UTF-8 is assumed).
std::string quoteTag(std::string_view s) {
  std::string out = "\"";
  static const char* hex = "0123456789abcdef";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\v': out += "\\v"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\x";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

void writeType(std::string& out, const Type* t);

void writeSignature(std::string& out, const Type* f) {
  out += '(';
  for (size_t i = 0; i < f->params.size(); i++) {
    if (i) out += ", ";
    if (f->variadic && i + 1 == f->params.size() && f->params[i]->kind == Kind::Slice) {
      out += "...";
      writeType(out, f->params[i]->elem);
    } else {
      writeType(out, f->params[i]);
    }
  }
  out += ')';
  if (f->results.size() == 1) {
    out += ' ';
    writeType(out, f->results[0]);
  } else if (f->results.size() > 1) {
    out += " (";
    for (size_t i = 0; i < f->results.size(); i++) {
      if (i) out += ", ";
      writeType(out, f->results[i]);
    }
    out += ')';
  }
}

void writeType(std::string& out, const Type* t) {
  if (!t) {
    out += "<nil>";
    return;
  }
  if (t->isNamed()) {
    if (!t->pkg.empty()) {
      out += t->pkg;
      out += '.';
    }
    out += t->name;
    return;
  }
  switch (t->kind) {
    case Kind::Array:
      out += '[';
      out += std::to_string(t->len);
      out += ']';
      writeType(out, t->elem);
      return;
    case Kind::Slice:
      out += "[]";
      writeType(out, t->elem);
      return;
    case Kind::Pointer:
      out += '*';
      writeType(out, t->elem);
      return;
    case Kind::Map:
      out += "map[";
      writeType(out, t->key);
      out += ']';
      writeType(out, t->elem);
      return;
    case Kind::Chan:
      if (t->dir == ChanDir::Send) {
        out += "chan<- ";
        writeType(out, t->elem);
      } else if (t->dir == ChanDir::Recv) {
        out += "<-chan ";
        writeType(out, t->elem);
      } else if (t->elem->kind == Kind::Chan && t->elem->dir == ChanDir::Recv &&
                 !t->elem->isNamed()) {
        out += "chan (";
        writeType(out, t->elem);
        out += ')';
      } else {
        out += "chan ";
        writeType(out, t->elem);
      }
      return;
    case Kind::Func:
      out += "func";
      writeSignature(out, t);
      return;
    case Kind::Struct:
      if (t->fields.empty()) {
        out += "struct {}";
        return;
      }
      out += "struct { ";
      for (size_t i = 0; i < t->fields.size(); i++) {
        const Field& f = t->fields[i];
        if (i) out += "; ";
        if (!f.embedded) {
          out += f.name;
          out += ' ';
        }
        writeType(out, f.type);
        if (!f.tag.empty()) {
          out += ' ';
          out += quoteTag(f.tag);
        }
      }
      out += " }";
      return;
    case Kind::Interface:
      if (t->imethods.empty()) {
        out += "interface {}";
        return;
      }
      out += "interface { ";
      for (size_t i = 0; i < t->imethods.size(); i++) {
        if (i) out += "; ";
        out += t->imethods[i].name;
        if (t->imethods[i].sig) {
          writeSignature(out, t->imethods[i].sig);
        } else {
          out += "()";
        }
      }
      out += " }";
      return;
    default:
      out += "<invalid type>";
      return;
  }
}

}  // namespace

std::string typeString(const Type* t) {
  std::string out;
  writeType(out, t);
  return out;
}

// ---- Queries ----------------------------------------------------------------

bool isComparable(const Type* t) {
  switch (t->kind) {
    case Kind::Slice:
    case Kind::Map:
    case Kind::Func:
      return false;
    case Kind::Array:
      return isComparable(t->elem);
    case Kind::Struct:
      for (const Field& f : t->fields) {
        if (!isComparable(f.type)) return false;
      }
      return true;
    default:
      return true;
  }
}

int64_t goAlignOf(const Type* t) {
  switch (t->kind) {
    case Kind::Bool: case Kind::Int8: case Kind::Uint8: return 1;
    case Kind::Int16: case Kind::Uint16: return 2;
    case Kind::Int32: case Kind::Uint32: case Kind::Float32: case Kind::Complex64: return 4;
    case Kind::Array: return goAlignOf(t->elem);
    case Kind::Struct: {
      int64_t a = 1;
      for (const Field& f : t->fields) a = std::max(a, goAlignOf(f.type));
      return a;
    }
    default: return 8;
  }
}

int64_t goSizeOf(const Type* t) {
  switch (t->kind) {
    case Kind::Bool: case Kind::Int8: case Kind::Uint8: return 1;
    case Kind::Int16: case Kind::Uint16: return 2;
    case Kind::Int32: case Kind::Uint32: case Kind::Float32: return 4;
    case Kind::Complex128: case Kind::String: case Kind::Interface: return 16;
    case Kind::Slice: return 24;
    case Kind::Array: return t->len * goSizeOf(t->elem);
    case Kind::Struct: {
      // Go's layout: fields in order, each at its alignment; a trailing
      // zero-size field gets one byte of padding so that its address does
      // not point past the object; the size rounds up to the alignment.
      int64_t off = 0;
      int64_t align = 1;
      int64_t lastSize = -1;
      for (const Field& f : t->fields) {
        int64_t fa = goAlignOf(f.type);
        int64_t fs = goSizeOf(f.type);
        align = std::max(align, fa);
        off = (off + fa - 1) / fa * fa + fs;
        lastSize = fs;
      }
      if (lastSize == 0 && off > 0) off++;
      return (off + align - 1) / align * align;
    }
    default: return 8;
  }
}

// ---- Method sets ------------------------------------------------------------

namespace {

struct Candidate {
  const Type* type;  // a struct type whose embedded fields are searched
  std::vector<int> path;
  bool viaPointer;
};

}  // namespace

MethodLookup lookupMethod(const Type* t, std::string_view name) {
  MethodLookup r;
  if (!t) return r;
  bool startPointer = false;
  const Type* base = t;
  if (t->kind == Kind::Pointer && !t->isNamed()) {
    startPointer = true;
    base = t->elem;
  }
  if (base->kind == Kind::Interface) return r;
  if (const Method* m = base->findDeclaredMethod(name)) {
    r.found = true;
    r.method = m;
    r.declaredOn = base;
    r.inMethodSet = startPointer || !m->ptrRecv;
    return r;
  }
  if (base->kind != Kind::Struct) return r;

  // Breadth-first over embedded fields: Go's shallowest-depth rule.
  std::vector<Candidate> level{{base, {}, startPointer}};
  std::vector<const Type*> seen{base};
  for (int depth = 0; depth < 32 && !level.empty(); depth++) {
    int hits = 0;
    MethodLookup hit;
    std::vector<Candidate> next;
    for (const Candidate& c : level) {
      for (size_t i = 0; i < c.type->fields.size(); i++) {
        const Field& f = c.type->fields[i];
        if (!f.embedded) {
          if (f.name == name) hits++;  // a field of that name hides the method
          continue;
        }
        const Type* ft = f.type;
        bool ptr = ft->kind == Kind::Pointer && !ft->isNamed();
        const Type* et = ptr ? ft->elem : ft;
        std::vector<int> path = c.path;
        path.push_back(static_cast<int>(i));
        if (et->kind == Kind::Interface) {
          for (const IMethod& im : et->imethods) {
            if (im.name == name) {
              hits++;
              hit = MethodLookup{};
              hit.found = true;
              hit.declaredOn = et;
              hit.path = path;
              hit.inMethodSet = true;
            }
          }
        } else if (const Method* m = et->findDeclaredMethod(name)) {
          hits++;
          hit = MethodLookup{};
          hit.found = true;
          hit.method = m;
          hit.declaredOn = et;
          hit.path = path;
          hit.inMethodSet = c.viaPointer || ptr || !m->ptrRecv;
        } else if (f.name == name) {
          hits++;  // the embedded field's own name hides deeper methods
        }
        if (et->kind == Kind::Struct &&
            std::find(seen.begin(), seen.end(), et) == seen.end()) {
          seen.push_back(et);
          next.push_back(Candidate{et, std::move(path), c.viaPointer || ptr});
        }
      }
    }
    if (hits == 1 && hit.found) return hit;
    if (hits > 0) return r;  // ambiguous, or hidden by a field
    level = std::move(next);
  }
  return r;
}

bool implements(const Type* t, const Type* iface, std::string* missing) {
  if (!t || !iface) return false;
  for (const IMethod& im : iface->imethods) {
    MethodLookup l = lookupMethod(t, im.name);
    if (!l.found || !l.inMethodSet) {
      if (missing) *missing = std::string(im.name);
      return false;
    }
  }
  return true;
}

}  // namespace gsl::vm
