package dev.pixelforge.standins.process;

/**
 * Nothing enforced: every instance runs on every core. The reason goes to the run's manifest and
 * report.
 */
record NoCpuIsolation(String describe) implements CpuIsolation {

    @Override
    public CpuGroup group(String name, double vcpus) {
        return CpuGroup.NONE;
    }

    @Override
    public boolean isolated() {
        return false;
    }

    @Override
    public void close() {}
}
