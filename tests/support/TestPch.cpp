// The source of provtestpch, the target that builds the precompiled header
// every test reuses (tests/CMakeLists.txt). It needs one translation unit.
#include <QtCore/QtCore>
