package dev.reactorstudio.runtime.fleet;

class MemoryFleetStateTest extends FleetStateContract {
    @Override
    FleetState open() {
        return new MemoryFleetState();
    }
}
