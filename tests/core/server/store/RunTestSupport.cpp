#include "RunTestSupport.h"

#include "server/store/RunStore.h"

#include <QUuid>

namespace prov::test {

bool insertRuns(server::ServerStore &store, QList<TestRun> &runs, QString *error)
{
    // Through RunStore, as a station's upload is stored: the yield reads
    // what it keeps about each run's neighbours.
    for (TestRun &r : runs) {
        domain::RunRecord run;
        run.uuid = QUuid::createUuid();
        run.station = r.station;
        run.slot = r.slot;
        run.operatorName = r.op;
        run.meter = r.meter;
        run.operation = r.operation;
        run.configId = r.configId;
        run.batch = r.batch;
        run.meterSerial = r.device; // the device is its meter serial when nothing else identifies it
        run.result = r.result;
        run.stationFault = r.stationFault;
        run.failedStep = r.failedStep;
        run.startedAtMs = r.startedAt;
        run.finishedAtMs = r.startedAt + r.durationMs;
        run.durationMs = r.durationMs;
        auto stored = store.runs().store(run);
        if (!stored) {
            *error = stored.error().message;
            return false;
        }
        r.id = stored->id;
    }
    return true;
}

} // namespace prov::test
