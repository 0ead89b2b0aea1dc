// The translation unit that builds the precompiled Qt headers every core module reuses
// (cmake/ProvStationModules.cmake). It has no code of its own.
