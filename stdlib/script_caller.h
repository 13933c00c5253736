// stdlib/script_caller.h: the script's own call stack as natives see it,
// for the packages that report a caller's position (testing's t.Log,
// log's Lshortfile and Llongfile).
//
// Contract: forEachScriptFrame visits the calling goroutine's frames that
// run script code (a native has no frame of its own, so the innermost one
// visited is the script function that called the native), innermost first,
// until the visitor returns false. Each visit gets the frame's Proto (file,
// name) and the line of the instruction it is executing, which for a caller
// is the line of its call.
#pragma once

#include <cstdint>

#include "vm/frame.h"
#include "vm/proto.h"
#include "vm/thread.h"

namespace gsl::stdlib {

template <typename Visit>
void forEachScriptFrame(vm::Thread& th, Visit visit) {
  for (uint32_t i = th.numFrames(); i-- > 0;) {
    const vm::Frame& f = th.frameAt(i);
    if (f.proto == nullptr) continue;
    if (!visit(*f.proto, f.proto->lineAt(f.currentPc()))) return;
  }
}

}  // namespace gsl::stdlib
