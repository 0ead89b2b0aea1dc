#pragma once

#include "engine/GatewayClient.h"
#include "engine/Step.h"

#include <QDeadlineTimer>

namespace prov::engine {

/// PRETEST's last step: the factory gateway forgets that this node joined,
/// so the POSTTEST sees a join that happened after the factory configuration.
class ClearGatewayStatusStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;

private:
    void attempt(int left);
    GatewayClient *m_gateway = nullptr;
};

/// POSTTEST: asks the gateway until the node has joined over the air or
/// --timeout has passed (134). A gateway that stays unreachable is 132.
class WaitForJoinStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;

private:
    void poll();
    GatewayClient *m_gateway = nullptr;
    QDeadlineTimer m_deadline;
    int m_failuresInARow = 0;
    int m_polls = 0;
};

} // namespace prov::engine
