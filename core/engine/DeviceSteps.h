#pragma once

#include "engine/Step.h"

namespace prov::domain {
struct RunRecord;
}

namespace prov::engine {

/// What the device reported about itself by the end of the run (firmware
/// versions, hardware types) into its run record; nothing it never told.
void recordReportedDevice(const StepContext &ctx, domain::RunRecord &run);

// The steps that ask the device who it is and check the answers, and the
// lock and meter-link steps. Small classes, one theme: kept in one file.

/// NodeIdentify. No answer at all from a device that never answered: code 4.
/// A locked node in a run that makes keys: 42 (already provisioned) unless
/// the run may provision it again.
class IdentifyNodeStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;

private:
    [[nodiscard]] Status checkReprovision();
};

/// Hardware type (40) and calibration (41) against the configuration.
class CheckNodeCompatibilityStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;
};

/// HostIdentify: a failing self-test or a board that is not an eMCM is 72.
/// Then HostApps: every app of the configuration must be one the eMCM
/// reports by name, else 75 naming the missing apps.
class IdentifyHostStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;

private:
    void listApps();
};

/// The eMCM ID ends in the 8 hex digits scanned from the label (else 72).
class CheckPartialMcmIdStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;
};

/// CHECKCONFIG/POSTTEST: a PRETEST ran, so the node (42) and the eMCM (70)
/// hold a configuration of this configuration ID.
class CheckFactoryConfigPresentStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;
};

/// Identify again and compare with what the configuration and this run wrote:
/// firmware version, configuration kind and ID (38 node; 70 host, per app through HostApps).
class VerifyConfigurationStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;

private:
    void verifyHost();
};

/// Lock, then identify to see the lock (38 node, 70 host).
class LockStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;

private:
    void lockHost();
    void checkNodeLock();
    void checkHostLock();
};

/// The eMCM reads the meter's ID over its application link (164); a scanned
/// meter serial must match it.
class CheckMeterLinkStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;
};

} // namespace prov::engine
