// The station window driving the real engine: EngineBackend (core/engine's
// Engine, outbox, server client, file cache, plugins) against a real
// provstation-server (SQLite, a package made with tar and openssl, a station
// token, an operator account) and a real provstation-sim on pseudo-terminals.
// A run turns its slot green and leaves the device provisioned with its key
// escrowed on the server; a faulted device turns red with its code and
// corrective action in every language; Retry after fixing the label passes,
// also on a kV2c optical port holding a stale C12.18 answer from an
// interrupted session.
#include "GuiTestSupport.h"
#include "HttpTestSupport.h"
#include "ShellPackage.h"
#include "SimHarness.h"
#include "TcpRelay.h"
#include "TestSupport.h"

#include "domain/DeviceIds.h"
#include "domain/FailureCause.h"
#include "domain/ResultCode.h"
#include "settings/SettingsDialog.h"
#include "settings/StationSettings.h"
#include "slots/SlotWidget.h"
#include "support/ApiClient.h"
#include "support/LanguageManager.h"
#include "support/SoundPlayer.h"
#include "transport/PsemPacket.h"
#include "window/EngineBackend.h"
#include "window/HeaderBar.h"
#include "window/LoginDialog.h"
#include "window/StationWindow.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

using namespace prov;
using namespace prov::gui;
using namespace prov::test;
using namespace Qt::StringLiterals;

class TestStationRun : public QObject
{
    Q_OBJECT

private:
    static constexpr int kRunTimeoutMs = 120000;
    static constexpr int kHealthySlot = 0;
    static constexpr int kFaultedSlot = 1; // wrong node hardware type
    static constexpr int kRetrySlot = 2;
    static constexpr int kOutboxSlot = 3; // the server goes away while its keys are written
    static constexpr int kKv2cFixtureSlot = 4; // PRETEST on the board fixture
    static constexpr int kKv2cOpticalSlot = 5; // CHECKCONFIG on the meter's optical port
    static constexpr int kFirstFaultSlot = 6; // then one slot per fault of kFaults, i210plus #4...

    /// Every fault the simulator injects that fails a run, on i210plus #4, #5, ...
    static QStringList faults()
    {
        return {u"silent"_s, u"hw-fail"_s, u"meter-link-down"_s, u"flash-corrupt"_s, u"lock-fail"_s,
            u"calibration=invalid"_s, u"calibration=uncalibrated"_s};
    }
    static int faultSlot(const QString &fault) { return kFirstFaultSlot + int(faults().indexOf(fault)); }
    /// After the fault slots: an i210plus of the slot group "engineering", which skips the lock.
    static int skipLockSlot() { return kFirstFaultSlot + int(faults().size()); }
    /// The simulated device on the engineering slot (i210plus #4 + number of faults).
    SimPort engineeringPort() const { return m_sim.port(u"i210plus"_s, 4 + int(faults().size())); }

    QTemporaryDir m_dir;
    ShellPackage m_package;
    ServerProcess m_server;
    TcpRelay m_relay; ///< the station reaches the server through it
    SimProcess m_sim;
    QStringList m_serverGlobals;
    const QString m_configId = u"0x0000000000000047"_s;
    const QString m_alias = u"PN-GUI"_s;
    std::unique_ptr<StationSettings> m_settings;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<SoundPlayer> m_sounds;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<EngineBackend> m_backend;
    std::unique_ptr<StationWindow> m_window;

    ProcessResult server(const QStringList &args, const QByteArray &input = {})
    {
        return runProcess(binPath(u"provstation-server"_s), m_serverGlobals + args, input, 120000);
    }

    SimPort simPort(int slot) const { return m_sim.port(u"i210plus"_s, slot); }
    SimPort kv2cPort(const QString &role) const { return m_sim.port(u"kv2c"_s, 0, role); }

    /// What a station killed in the middle of a C12.18 session leaves behind:
    /// Identify is answered and acknowledged, Negotiate reaches the meter and
    /// nobody takes its answer, which waits in the port's input (and the meter
    /// repeats it, unacknowledged). Returns how many bytes wait.
    static int leaveStaleNegotiateAnswer(const QString &path)
    {
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_NOCTTY | O_NONBLOCK);
        if (fd < 0)
            return -1;
        int waiting = 0;
        const auto send = [fd](const QByteArray &bytes) {
            return ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size();
        };
        const auto answered = [fd, &waiting](int size) {
            return QTest::qWaitFor([&] { return ::ioctl(fd, FIONREAD, &waiting) == 0 && waiting >= size; }, 10000);
        };
        transport::PsemPacket identify;
        identify.data = QByteArray(1, char(transport::psem::kIdentify));
        transport::PsemPacket negotiate; // 64-byte packets, one packet, no baud change
        negotiate.ctrl = transport::psem::kCtrlToggle;
        negotiate.data = QByteArray::fromHex("60004001");
        char identifyAnswer[13]; // EE 00 00 00 00 05 00 00 01 00 00 C6 B5
        if (send(identify.encode()) && answered(13) && ::read(fd, identifyAnswer, 13) == 13
            && send(QByteArray(1, char(transport::psem::kAck))) && send(negotiate.encode()))
            (void)answered(12); // <ok><packet size><packets>: 12 bytes and more
        ::close(fd);
        return waiting;
    }

    QJsonObject processor(int slot, const char *which) const
    {
        return SimProcess::readState(simPort(slot)).value(QLatin1String(which)).toObject();
    }

    /// The node root keys the server holds for a node, decrypted with the KMS key (hex).
    QList<QByteArray> serverKeys(const QString &nodeId) const
    {
        QList<QByteArray> keys;
        const QString name = u"oracle-%1"_s.arg(nodeId);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"server/provstation.sqlite"_s));
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
            if (db.open()) {
                QSqlQuery q(db);
                q.prepare(u"SELECT node_root_key FROM escrow WHERE node_id = ?"_s);
                q.addBindValue(qint64(NodeId::parse(nodeId).value().value()));
                if (q.exec()) {
                    while (q.next())
                        keys.append(m_package.decrypt(
                            QByteArray::fromBase64(q.value(0).toString().toLatin1()), m_package.kmsPrivateKey()));
                }
            }
        }
        QSqlDatabase::removeDatabase(name);
        return keys;
    }

    /// The server's audit rows of `action` about `subject`: their details.
    QStringList auditDetails(const QString &action, const QString &subject) const
    {
        QStringList details;
        const QString name = u"audit-%1"_s.arg(subject);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_dir.filePath(u"server/provstation.sqlite"_s));
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
            if (db.open()) {
                QSqlQuery q(db);
                q.prepare(u"SELECT actor, detail FROM audit_log WHERE action = ? AND subject = ? ORDER BY seq"_s);
                q.addBindValue(action);
                q.addBindValue(subject);
                if (q.exec()) {
                    while (q.next())
                        details.append(q.value(0).toString() + u' ' + q.value(1).toString());
                }
            }
        }
        QSqlDatabase::removeDatabase(name);
        return details;
    }

    /// Answers the next login dialog with `user` and `password`, or cancels it when `user` is empty.
    void answerLogin(const QString &user, const QString &password)
    {
        QTimer::singleShot(100, this, [user, password] {
            auto *dialog = qobject_cast<LoginDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            if (user.isEmpty())
                return dialog->reject();
            dialog->userField()->setText(user);
            dialog->passwordField()->setText(password);
            dialog->submit();
        });
    }

    /// Starts `slot` (as a retry or not), waits for the window's runFinished
    /// and for the slot to show the result (on the window's next display frame).
    std::optional<std::pair<SlotStatus, int>> run(int slot, bool retry = false)
    {
        QSignalSpy finished(m_window.get(), &StationWindow::runFinished);
        m_window->startSlot(slot, retry);
        if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, kRunTimeoutMs))
            return std::nullopt;
        const QList<QVariant> args = finished.constFirst();
        if (args.at(0).toInt() != slot)
            return std::nullopt;
        const auto status = args.at(1).value<SlotStatus>();
        if (!QTest::qWaitFor([&] { return m_window->slotWidget(slot)->snapshot().status == status; }))
            return std::nullopt;
        return std::pair {status, args.at(2).toInt()};
    }

    void scan(const QString &text) { m_window->scanRouter()->handleScan(text); }

    /// True when `needle` (hex, either case) appears in any file under `dir`.
    static bool anyFileContains(const QString &dir, const QByteArray &needle)
    {
        QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QByteArray bytes = readFile(it.next());
            if (bytes.contains(needle.toLower()) || bytes.contains(needle.toUpper())
                || bytes.contains(QByteArray::fromHex(needle)))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_serverGlobals
            = {u"--data-dir"_s, m_dir.filePath(u"server"_s), u"--master-key-file"_s, m_dir.filePath(u"master.key"_s)};
        QString error;
        QVERIFY(QDir().mkpath(m_dir.filePath(u"package"_s)));
        QVERIFY2(m_package.build(m_dir.filePath(u"package"_s), m_configId, m_alias, &error), qPrintable(error));
        const ProcessResult imported
            = server({u"import"_s, u"--passphrase-file"_s, m_package.passphraseFile(), m_package.packagePath()});
        QVERIFY2(imported.exitCode == 0, imported.stdErr.constData());
        const ProcessResult token = server({u"token"_s, u"issue"_s, u"--station"_s, u"line2-gui"_s});
        QVERIFY2(token.exitCode == 0, token.stdErr.constData());
        const ProcessResult user
            = server({u"user"_s, u"add"_s, u"pat"_s, u"--role"_s, u"operator"_s}, "pat's long password\n");
        QVERIFY2(user.exitCode == 0, user.stdErr.constData());
        const ProcessResult admin
            = server({u"user"_s, u"add"_s, u"ada"_s, u"--role"_s, u"admin"_s}, "ada's long password\n");
        QVERIFY2(admin.exitCode == 0, admin.stdErr.constData());
        QVERIFY2(m_server.start(binPath(u"provstation-server"_s),
                     m_serverGlobals + QStringList {u"--listen"_s, u"127.0.0.1:0"_s, u"--insecure-http"_s}),
            qPrintable(m_server.errorText()));

        QStringList faultOptions {u"--fault"_s, u"i210plus#1:wrong-hw"_s};
        for (const QString &fault : faults())
            faultOptions << u"--fault"_s << u"i210plus#%1:%2"_s.arg(4 + faults().indexOf(fault)).arg(fault);
        QVERIFY2(m_sim.start(QStringList {u"--devices"_s, u"i210plus:%1,kv2c:1"_s.arg(4 + faults().size() + 1)}
                         + faultOptions
                         + QStringList {u"--state-dir"_s, m_dir.filePath(u"sim"_s), u"--join-delay"_s, u"0.2"_s,
                             u"--flash-ms-per-kib"_s, u"0.5"_s, u"--reset-ms"_s, u"100"_s},
                     &error),
            qPrintable(error));
        connect(&m_sim.process(), &QProcess::readyReadStandardOutput, this,
            [this] { m_sim.process().readAllStandardOutput(); });

        // The station as a supervisor set it up: four i210+ slots bound to the
        // simulator's ports, and one kV2c board on its fixture (PRETEST) and
        // then in its meter (CHECKCONFIG on the optical port).
        m_settings = std::make_unique<StationSettings>(m_dir.filePath(u"station.ini"_s));
        QList<SlotBinding> bindings;
        for (int slot = 0; slot < 4; ++slot) {
            QVERIFY(!simPort(slot).path.isEmpty());
            bindings.append(SlotBinding {
                QString::number(slot + 1), SlotBinding::Kind::PortName, simPort(slot).path, u"i210plus"_s, {}, {}});
        }
        QVERIFY(!kv2cPort(u"fixture"_s).path.isEmpty() && !kv2cPort(u"optical"_s).path.isEmpty());
        bindings.append(SlotBinding {
            u"5"_s, SlotBinding::Kind::PortName, kv2cPort(u"fixture"_s).path, u"kv2c"_s, u"PRETEST"_s, {}});
        bindings.append(SlotBinding {
            u"6"_s, SlotBinding::Kind::PortName, kv2cPort(u"optical"_s).path, u"kv2c"_s, u"CHECKCONFIG"_s, {}});
        for (int i = 0; i < faults().size(); ++i) {
            const SimPort port = m_sim.port(u"i210plus"_s, 4 + i);
            QVERIFY(!port.path.isEmpty());
            bindings.append(SlotBinding {QString::number(kFirstFaultSlot + i + 1), SlotBinding::Kind::PortName,
                port.path, u"i210plus"_s, {}, {}});
        }
        // A slot of the group "engineering", whose units are left unlocked.
        const SimPort engineering = engineeringPort();
        QVERIFY(!engineering.path.isEmpty());
        bindings.append(SlotBinding {QString::number(skipLockSlot() + 1), SlotBinding::Kind::PortName, engineering.path,
            u"i210plus"_s, {}, u"engineering"_s});
        m_settings->setSlotBindings(bindings);
        SlotRunOptions skipLock;
        skipLock.skipLock = true;
        m_settings->setSlotGroups({{u"engineering"_s, skipLock}});
        QVERIFY(m_relay.listen(m_server.port()));
        const QUrl serverUrl(u"http://127.0.0.1:%1"_s.arg(m_relay.port()));
        m_settings->setServerUrl(serverUrl);
        m_settings->setStationName(u"line2-gui"_s);
        m_settings->setGatewayHost(u"127.0.0.1"_s);
        m_settings->setGatewayControlPort(m_sim.gatewayPort());
        m_settings->setConfigAlias(m_alias);
        m_settings->setBatch(u"1000"_s);
        m_settings->setOperation(u"PROVISION"_s);
        m_settings->setLanguage(u"en"_s);
        m_settings->setSoundsEnabled(false);
        m_settings->setAutoStartOnScan(false);

        EngineBackend::Options options;
        options.endpoint.baseUrl = serverUrl;
        options.endpoint.token = token.stdOut.trimmed();
        options.dataDir = m_dir.filePath(u"station"_s);
        options.stationName = m_settings->stationName();
        options.gatewayHost = m_settings->gatewayHost();
        options.gatewayPort = quint16(m_settings->gatewayControlPort());
        options.healthIntervalMs = 500; // the test waits for the server to come back
        options.pluginDir = QDir(binPath(u"../lib/provstation/plugins"_s)).absolutePath();
        m_backend = std::make_unique<EngineBackend>(options);
        const Status opened = m_backend->open();
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
        QVERIFY(m_backend->plugins().size() >= 3);

        m_api = std::make_unique<ApiClient>();
        m_sounds = std::make_unique<SoundPlayer>();
        m_languages = std::make_unique<LanguageManager>();
        WindowServices services;
        services.settings = m_settings.get();
        services.api = m_api.get();
        services.languages = m_languages.get();
        services.sounds = m_sounds.get();
        services.backend = m_backend.get();
        m_window = std::make_unique<StationWindow>(services);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QCOMPARE(m_window->slotCount(), skipLockSlot() + 1);

        // Before anyone logs in the server refuses the configuration list: the
        // header says so...
        m_window->refreshConfigurations();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->header()->message().startsWith(u"Cannot load the configurations"_s), 30000);

        // The operator logs in with the server account.
        std::optional<Result<ApiResponse>> login;
        m_api->whenFinished(
            m_api->postJson(u"/session"_s,
                QJsonDocument(QJsonObject {{u"user"_s, u"pat"_s}, {u"password"_s, u"pat's long password"_s}})),
            this, [&](const Result<ApiResponse> &r) { login = r; });
        QVERIFY(QTest::qWaitFor([&] { return login.has_value(); }, 60000));
        QVERIFY2(login->ok(), qPrintable(login->ok() ? QString() : login->error().toString()));
        m_window->setSession(UserSession {
            u"pat"_s, u"operator"_s, login->value().json.object().value(QLatin1String("token")).toString(), {}});
        QVERIFY(m_window->session().canRun());
        QTRY_COMPARE(m_window->header()->currentConfig(), m_alias);
        // ...and takes the warning back once the list loads.
        QTRY_COMPARE(m_window->header()->message(), QString());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_backend.reset();
        m_sim.stop();
        m_server.stop();
    }

    void runTurnsTheSlotGreenAndEscrowsTheKey()
    {
        const auto result = run(kHealthySlot);
        QVERIFY2(result.has_value(), "no result within the time limit");
        SlotWidget *slot = m_window->slotWidget(kHealthySlot);
        QVERIFY2(result->first == SlotStatus::Pass, qPrintable(slot->snapshot().detail));
        QCOMPARE(result->second, 0);
        QCOMPARE(slot->statusText(), u"PASS"_s);
        QCOMPARE(slot->snapshot().nodeId, simPort(kHealthySlot).nodeId);
        QCOMPARE(slot->snapshot().emcmId, simPort(kHealthySlot).emcmId);
        QVERIFY(QFileInfo::exists(slot->snapshot().logPath));

        // The device: firmware, field configuration, locked; node and host.
        const QJsonObject node = processor(kHealthySlot, "node");
        QCOMPARE(node.value("firmware"_L1).toObject().value("version"_L1).toString(), u"1.2.3.4"_s);
        QCOMPARE(node.value("config"_L1).toObject().value("kind"_L1).toString(), u"field"_s);
        QCOMPARE(node.value("config"_L1).toObject().value("configId"_L1).toString(), m_configId);
        QCOMPARE(node.value("locked"_L1).toBool(), true);
        const QJsonObject host = processor(kHealthySlot, "host");
        QCOMPARE(host.value("firmware"_L1).toObject().value("version"_L1).toString(), u"5.6.7.8"_s);
        QCOMPARE(host.value("config"_L1).toObject().value("kind"_L1).toString(), u"field"_s);
        QCOMPARE(host.value("locked"_L1).toBool(), true);

        // The server holds exactly the key the device holds; the outbox is empty again.
        const QByteArray deviceKey = node.value("keys"_L1).toObject().value("nodeRoot"_L1).toString().toLatin1();
        QVERIFY(!deviceKey.isEmpty());
        QCOMPARE(serverKeys(simPort(kHealthySlot).nodeId), QList<QByteArray> {deviceKey});
        QTRY_COMPARE(m_backend->outboxPending(), 0);
        auto *outbox = m_window->header()->findChild<QLabel *>(u"outbox"_s);
        QVERIFY(outbox);
        QTRY_COMPARE(outbox->text(), u"Outbox: 0 pending"_s);
        // ... and the plaintext key is nowhere on the station's disk (run logs, outbox, cache).
        QVERIFY(!anyFileContains(m_dir.filePath(u"station"_s), deviceKey));
        QCOMPARE(m_window->counters().shift().passed, 1);
        saveScreenshot(m_window.get(), u"station-engine-pass"_s);
    }

    void faultedDeviceTurnsRedWithItsCodeInEveryLanguage()
    {
        const auto result = run(kFaultedSlot);
        QVERIFY2(result.has_value(), "no result within the time limit");
        QCOMPARE(result->first, SlotStatus::Fail);
        QCOMPARE(result->second, int(ResultCode::NodeHardwareIncompatible));
        SlotWidget *slot = m_window->slotWidget(kFaultedSlot);
        QVERIFY2(slot->snapshot().detail.contains(u"the configuration is for"_s), qPrintable(slot->snapshot().detail));
        // The device was left alone after the check: no firmware, no keys.
        QVERIFY(processor(kFaultedSlot, "node").value("keys"_L1).toObject().isEmpty());

        const QList<std::pair<QString, QString>> languages
            = {{u"en"_s, u"FAIL"_s}, {u"es"_s, u"FALLO"_s}, {u"zh_CN"_s, u"\u5931\u8d25"_s}};
        for (const auto &[language, word] : languages) {
            QVERIFY(m_languages->setLanguage(language));
            QTRY_COMPARE(slot->statusText(), word);
            // What the device answered, expected against found, and what to do
            // about it: not the code's "collect the log and send it to support".
            const QString cause = CauseCatalogue::text(FailureCause::WrongNodeHardware, {u"ENODE"_s, u"UNODE"_s});
            const QString action = CauseCatalogue::actionText(OperatorAction::WrongProduct);
            QTRY_COMPARE(slot->actionText(), action);
            QCOMPARE(slot->resultText(), SlotWidget::tr("Error %1: %2").arg(40).arg(cause));
            QVERIFY(!slot->actionText().contains(ResultCatalogue::actionText(CorrectiveAction::CollectLog)));
            if (language != "en"_L1)
                QVERIFY(cause != CauseCatalogue::textSource(FailureCause::WrongNodeHardware, {u"ENODE"_s, u"UNODE"_s}));
            // The idle slots' next instruction speaks the same language.
            QTRY_VERIFY2(
                language == "en"_L1 || !m_window->slotWidget(kOutboxSlot)->instructionText().startsWith(u"Insert"_s),
                qPrintable(m_window->slotWidget(kOutboxSlot)->instructionText()));
            saveScreenshot(m_window.get(), u"station-engine-fail-"_s + language);
        }
        QVERIFY(m_languages->setLanguage(u"en"_s));
        QTRY_COMPARE(slot->statusText(), u"FAIL"_s);

        // Retry re-runs the device (still the wrong hardware: the same code again).
        QAbstractButton *retry = slot->findChild<QAbstractButton *>(u"retry"_s);
        QVERIFY(retry && retry->isVisible() && retry->isEnabled());
        QSignalSpy finished(m_window.get(), &StationWindow::runFinished);
        retry->click();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kRunTimeoutMs);
        QCOMPARE(finished.constFirst().at(2).toInt(), int(ResultCode::NodeHardwareIncompatible));
        QCOMPARE(m_window->counters().slot(kFaultedSlot).failed, 2);
    }

    void settingsOkKeepsWhatTheSlotsShow()
    {
        // A supervisor closes Settings with OK: the failed slot still says
        // what failed and what to do, with its log, on the real engine's rows.
        SlotWidget *slot = m_window->slotWidget(kFaultedSlot);
        QTest::qWait(2 * StationWindow::kDisplayFrameMs); // the retry's end is shown
        QCOMPARE(slot->statusText(), u"FAIL"_s);
        const QString result = slot->resultText();
        const QString logPath = slot->snapshot().logPath;
        QVERIFY(!logPath.isEmpty());
        const UserSession operatorSession = m_window->session();
        m_window->setSession(UserSession {u"sam"_s, u"supervisor"_s, operatorSession.token, {}});
        const auto restore = qScopeGuard([&] { m_window->setSession(operatorSession); });
        QTimer::singleShot(100, this, [] {
            if (auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget()))
                dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        QVERIFY(m_window->openSettings());
        QTest::qWait(2 * StationWindow::kDisplayFrameMs); // what the window shows next
        QCOMPARE(slot->statusText(), u"FAIL"_s);
        QCOMPARE(slot->resultText(), result);
        QCOMPARE(slot->snapshot().logPath, logPath);
        QVERIFY(slot->findChild<QAbstractButton *>(u"log"_s)->isVisible());
        QVERIFY(slot->findChild<QAbstractButton *>(u"retry"_s)->isVisible());
    }

    void retryAfterFixingTheLabelPasses()
    {
        // The label scanned for this slot belongs to another board: partial MCM ID mismatch.
        const QString emcm = simPort(kRetrySlot).emcmId;
        QCOMPARE(emcm.size(), 16);
        const QString wrong = emcm.left(8) + (emcm.right(8).toUpper() == "DEADBEEF"_L1 ? u"FEEDFACE"_s : u"DEADBEEF"_s);
        scan(u"SLOT-3"_s);
        scan(u"MCM:"_s + wrong);
        auto result = run(kRetrySlot);
        QVERIFY2(result.has_value(), "no result within the time limit");
        QCOMPARE(result->first, SlotStatus::Fail);
        QCOMPARE(result->second, int(ResultCode::HostHardwareFailure));
        SlotWidget *slot = m_window->slotWidget(kRetrySlot);
        QVERIFY2(slot->snapshot().detail.contains(u"partial MCM ID mismatch"_s), qPrintable(slot->snapshot().detail));
        // Not "failing hardware": the label, both IDs, and re-scan or set aside.
        QCOMPARE(slot->snapshot().cause, u"label-mismatch"_s);
        QVERIFY2(slot->resultText().contains(wrong.right(8).toUpper()) && slot->resultText().contains(emcm.right(8)),
            qPrintable(slot->resultText()));
        QCOMPARE(slot->actionText(), CauseCatalogue::actionText(OperatorAction::RescanLabel));
        QVERIFY(!slot->resultText().contains(ResultCatalogue::message(ResultCode::HostHardwareFailure)));
        QVERIFY(processor(kRetrySlot, "node").value("keys"_L1).toObject().isEmpty());
        saveScreenshot(m_window.get(), u"station-engine-mismatch"_s);

        // The operator scans the right label and retries.
        scan(u"SLOT-3"_s);
        scan(u"MCM:"_s + emcm);
        QSignalSpy finished(m_window.get(), &StationWindow::runFinished);
        QAbstractButton *retry = slot->findChild<QAbstractButton *>(u"retry"_s);
        QVERIFY(retry && retry->isEnabled());
        retry->click();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kRunTimeoutMs);
        QVERIFY2(
            finished.constFirst().at(1).value<SlotStatus>() == SlotStatus::Pass, qPrintable(slot->snapshot().detail));
        QTRY_COMPARE(slot->statusText(), u"PASS"_s);
        QCOMPARE(processor(kRetrySlot, "node").value("locked"_L1).toBool(), true);
        const QByteArray deviceKey
            = processor(kRetrySlot, "node").value("keys"_L1).toObject().value("nodeRoot"_L1).toString().toLatin1();
        QCOMPARE(serverKeys(simPort(kRetrySlot).nodeId), QList<QByteArray> {deviceKey});
        const RunCounts counts = m_window->counters().slot(kRetrySlot);
        QCOMPARE(counts.passed, 1);
        QCOMPARE(counts.failed, 1);
        QCOMPARE(counts.firstAttemptPasses, 0); // passed on a retry
        saveScreenshot(m_window.get(), u"station-engine-retry-pass"_s);
    }

    void lockedDeviceIsProvisionedAgainOnlyWithASupervisor()
    {
        // The unit retryAfterFixingTheLabelPasses provisioned and locked, started again.
        SlotWidget *slot = m_window->slotWidget(kRetrySlot);
        const QString nodeId = simPort(kRetrySlot).nodeId;
        const auto deviceKey = [this] {
            return processor(kRetrySlot, "node").value("keys"_L1).toObject().value("nodeRoot"_L1).toString().toLatin1();
        };
        const QByteArray firstKey = deviceKey();
        const RunCounts before = m_window->counters().slot(kRetrySlot);
        const int shiftPassed = m_window->counters().shift().passed;
        scan(u"SLOT-3"_s);
        scan(u"MCM:"_s + simPort(kRetrySlot).emcmId);
        const auto refused = run(kRetrySlot);
        QVERIFY2(refused.has_value(), "no result within the time limit");
        QCOMPARE(refused->first, SlotStatus::Fail);
        QCOMPARE(refused->second, int(ResultCode::NodeConfigurationIncompatible));
        QCOMPARE(slot->snapshot().cause, CauseCatalogue::id(FailureCause::AlreadyProvisioned));
        QCOMPARE(slot->resultText(),
            SlotWidget::tr("Error %1: %2")
                .arg(42)
                .arg(CauseCatalogue::text(FailureCause::AlreadyProvisioned, {nodeId})));
        QCOMPARE(slot->actionText(), CauseCatalogue::actionText(OperatorAction::ProvisionAgain));
        // No key made: the device and the server hold the first one only; no count moved.
        QCOMPARE(deviceKey(), firstKey);
        QCOMPARE(serverKeys(nodeId), QList<QByteArray> {firstKey});
        QCOMPARE(m_window->counters().slot(kRetrySlot).passed, before.passed);
        QCOMPARE(m_window->counters().slot(kRetrySlot).failed, before.failed);
        QCOMPARE(m_window->counters().shift().passed, shiftPassed);
        // Not a failed unit: no Retry or Reject, but Provision again (and Start for the next unit).
        auto *again = slot->findChild<QAbstractButton *>(u"provisionAgain"_s);
        QVERIFY(again && again->isVisible() && again->isEnabled());
        QVERIFY(!slot->findChild<QAbstractButton *>(u"retry"_s)->isVisible());
        QVERIFY(!slot->findChild<QAbstractButton *>(u"reject"_s)->isVisible());
        QVERIFY(slot->findChild<QAbstractButton *>(u"start"_s)->isVisible());
        for (const QString &language : LanguageManager::supportedLanguages()) {
            QVERIFY(m_languages->setLanguage(language));
            QTRY_COMPARE(slot->actionText(), CauseCatalogue::actionText(OperatorAction::ProvisionAgain));
            if (language != "en"_L1)
                QVERIFY(again->text() != u"Provision again"_s);
        }
        QVERIFY(m_languages->setLanguage(u"en"_s));
        saveScreenshot(m_window.get(), u"station-engine-already-provisioned"_s);

        // The operator presses Provision again and cannot log in as a supervisor: nothing runs.
        const UserSession operatorSession = m_window->session();
        const auto restore = qScopeGuard([&] { m_window->setSession(operatorSession); });
        QSignalSpy finished(m_window.get(), &StationWindow::runFinished);
        answerLogin({}, {});
        again->click();
        QTRY_VERIFY(slot->snapshot().notice.contains(u"Only a supervisor or admin"_s));
        QVERIFY(!m_backend->slotModel()->isRunning(kRetrySlot));
        QCOMPARE(m_window->session().user, u"pat"_s);

        // An admin logs in: the unit is provisioned again with a new key.
        answerLogin(u"ada"_s, u"ada's long password"_s);
        again->click();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kRunTimeoutMs);
        QVERIFY2(
            finished.constFirst().at(1).value<SlotStatus>() == SlotStatus::Pass, qPrintable(slot->snapshot().detail));
        // The login taken for this ended once the run had started in ada's name.
        QCOMPARE(m_window->session().user, u"pat"_s);
        const QByteArray newKey = deviceKey();
        QVERIFY(newKey != firstKey);
        QTRY_COMPARE(serverKeys(nodeId).size(), 2);
        QVERIFY(serverKeys(nodeId).contains(newKey));
        // Who confirmed: in the run log and in the server's audit.
        QTRY_VERIFY(slot->snapshot().status == SlotStatus::Pass);
        QVERIFY(readFile(slot->snapshot().logPath).contains("confirmed by ada"));
        const QStringList audit = auditDetails(u"escrow.reprovision"_s, nodeId);
        QCOMPARE(audit.size(), 1);
        QVERIFY2(audit.first().contains(u"confirmed by ada"_s) && audit.first().contains(u"line2-gui"_s),
            qPrintable(audit.first()));
    }

    void slotGroupOptionsReachTheRunAndShow()
    {
        // The engineering group skips the lock: its slot says so, the others do not.
        SlotWidget *slot = m_window->slotWidget(skipLockSlot());
        QTRY_VERIFY(slot->shownTexts().contains(u"skip lock"_s));
        QVERIFY(!m_window->slotWidget(kHealthySlot)->shownTexts().join(u'\n').contains(u"skip lock"_s));
        const auto result = run(skipLockSlot());
        QVERIFY2(result.has_value(), "no result within the time limit");
        QVERIFY2(result->first == SlotStatus::Pass, qPrintable(slot->snapshot().detail));
        // The device itself: provisioned (keys written) and left unlocked.
        const QJsonObject device = SimProcess::readState(engineeringPort());
        const QJsonObject node = device.value("node"_L1).toObject();
        QVERIFY2(!node.isEmpty(), "no simulator state for the engineering slot's device");
        QVERIFY(!node.value("keys"_L1).toObject().isEmpty());
        QCOMPARE(node.value("locked"_L1).toBool(), false);
        QCOMPARE(device.value("host"_L1).toObject().value("locked"_L1).toBool(), false);
        QVERIFY(readFile(slot->snapshot().logPath).contains("--skip_lock"));
        QVERIFY(slot->shownTexts().contains(u"skip lock"_s));
        QVERIFY(m_languages->setLanguage(u"es"_s));
        QTRY_VERIFY(slot->shownTexts().contains(SlotRunOptions::tr("skip lock")));
        QVERIFY(SlotRunOptions::tr("skip lock") != u"skip lock"_s);
        QVERIFY(m_languages->setLanguage(u"en"_s));
    }

    void everyFaultShowsItsCauseAndAction_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("cause");
        QTest::addColumn<int>("action");
        const auto row = [](const QString &fault, ResultCode code, FailureCause cause) {
            QTest::newRow(qPrintable(fault)) << fault << int(code) << int(cause) << int(CauseCatalogue::action(cause));
        };
        row(u"silent"_s, ResultCode::DeviceUnreachable, FailureCause::NoAnswer);
        row(u"hw-fail"_s, ResultCode::HostHardwareFailure, FailureCause::HostSelfTestFailed);
        row(u"meter-link-down"_s, ResultCode::ApplicationLinkFailure, FailureCause::MeterLinkDown);
        row(u"flash-corrupt"_s, ResultCode::NodeFirmwareUnavailable, FailureCause::FirmwareImageRejected);
        row(u"lock-fail"_s, ResultCode::NodeUnexpectedError, FailureCause::DeviceHardwareFailure);
        row(u"calibration=invalid"_s, ResultCode::NodeCalibrationIncompatible, FailureCause::NodeCalibrationInvalid);
        row(u"calibration=uncalibrated"_s, ResultCode::NodeCalibrationIncompatible, FailureCause::NodeUncalibrated);
    }

    void everyFaultShowsItsCauseAndAction()
    {
        QFETCH(QString, fault);
        QFETCH(int, code);
        QFETCH(int, cause);
        QFETCH(int, action);
        const int slotIndex = faultSlot(fault);
        SlotWidget *slot = m_window->slotWidget(slotIndex);
        QSignalSpy finished(m_window.get(), &StationWindow::runFinished);
        m_window->startSlot(slotIndex);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kRunTimeoutMs);
        QTRY_COMPARE(slot->snapshot().status, SlotStatus::Fail);
        QCOMPARE(finished.constFirst().at(2).toInt(), code);
        const auto c = static_cast<FailureCause>(cause);
        QCOMPARE(slot->snapshot().cause, CauseCatalogue::id(c));
        QCOMPARE(slot->snapshot().causeFacts.size(), CauseCatalogue::factCount(c));
        for (const QString &language : LanguageManager::supportedLanguages()) {
            QVERIFY(m_languages->setLanguage(language));
            const QString text = CauseCatalogue::text(c, slot->snapshot().causeFacts);
            QTRY_COMPARE(slot->resultText(), SlotWidget::tr("Error %1: %2").arg(code).arg(text));
            QCOMPARE(slot->actionText(), CauseCatalogue::actionText(static_cast<OperatorAction>(action)));
            // No generic text where the cause is known.
            QVERIFY(!slot->resultText().contains(ResultCatalogue::message(ResultCode(code))));
            if (language != "en"_L1)
                QVERIFY2(text != CauseCatalogue::textSource(c, slot->snapshot().causeFacts), qPrintable(text));
        }
        QVERIFY(m_languages->setLanguage(u"en"_s));
        if (fault == "hw-fail"_L1) {
            // Failing hardware: the operator rejects the unit; it is counted and kept with the run.
            QTRY_COMPARE(slot->actionText(), u"reject the unit: press Reject"_s);
            const int rejectedBefore = m_window->counters().shift().rejected;
            auto *reject = slot->findChild<QAbstractButton *>(u"reject"_s);
            QVERIFY(reject && reject->isVisible());
            saveScreenshot(m_window.get(), u"station-engine-failing-hardware"_s);
            reject->click();
            QCOMPARE(m_window->counters().shift().rejected, rejectedBefore + 1);
            QCOMPARE(m_window->counters().slot(slotIndex).rejected, 1);
            QTRY_VERIFY(!reject->isVisible());
            QVERIFY(readFile(slot->snapshot().logPath).contains("unit rejected by pat"));
        }
    }

    void kv2cRetryPassesAfterAnInterruptedOpticalSession()
    {
        // The board's PRETEST on its fixture.
        const auto pretest = run(kKv2cFixtureSlot);
        QVERIFY2(pretest.has_value(), "no result within the time limit");
        QVERIFY2(
            pretest->first == SlotStatus::Pass, qPrintable(m_window->slotWidget(kKv2cFixtureSlot)->snapshot().detail));

        // In its meter, CHECKCONFIG with another board's label fails.
        const QString emcm = kv2cPort(u"optical"_s).emcmId;
        QCOMPARE(emcm.size(), 16);
        const QString wrong = emcm.left(8) + (emcm.right(8).toUpper() == "DEADBEEF"_L1 ? u"FEEDFACE"_s : u"DEADBEEF"_s);
        scan(u"SLOT-6"_s);
        scan(u"MCM:"_s + wrong);
        const auto result = run(kKv2cOpticalSlot);
        QVERIFY2(result.has_value(), "no result within the time limit");
        SlotWidget *slot = m_window->slotWidget(kKv2cOpticalSlot);
        QCOMPARE(result->first, SlotStatus::Fail);
        QVERIFY2(slot->snapshot().detail.contains(u"partial MCM ID mismatch"_s), qPrintable(slot->snapshot().detail));

        // A session on the optical port is cut off (a station killed in the
        // middle of it): the meter's Negotiate answer waits in the port.
        QVERIFY(leaveStaleNegotiateAnswer(kv2cPort(u"optical"_s).path) >= 12);

        // The operator scans the right label and retries: the stale answer is
        // not taken for the answer to this session's Identify.
        scan(u"SLOT-6"_s);
        scan(u"MCM:"_s + emcm);
        QSignalSpy finished(m_window.get(), &StationWindow::runFinished);
        QAbstractButton *retry = slot->findChild<QAbstractButton *>(u"retry"_s);
        QVERIFY(retry && retry->isVisible() && retry->isEnabled());
        retry->click();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kRunTimeoutMs);
        // The slot's detail may still be the first run's until the next display frame.
        QTRY_VERIFY2(slot->snapshot().status == finished.constFirst().at(1).value<SlotStatus>(),
            qPrintable(slot->snapshot().detail));
        QVERIFY2(finished.constFirst().at(1).value<SlotStatus>() == SlotStatus::Pass,
            qPrintable(u"result %1: %2"_s.arg(finished.constFirst().at(2).toInt()).arg(slot->snapshot().detail)));
        QTRY_COMPARE(slot->statusText(), u"PASS"_s);
        const RunCounts counts = m_window->counters().slot(kKv2cOpticalSlot);
        QCOMPARE(counts.passed, 1);
        QCOMPARE(counts.failed, 1);
    }

    void stopEndsTheRunAndTheSlotAsksForAttention()
    {
        // A second run on the provisioned device, stopped by the operator at once.
        QSignalSpy finished(m_window.get(), &StationWindow::runFinished);
        const RunCounts before = m_window->counters().slot(kHealthySlot);
        m_window->startSlot(kHealthySlot);
        SlotWidget *slot = m_window->slotWidget(kHealthySlot);
        // At once, not after the window shows it running (up to a display frame
        // later): by then the run may have escrowed a key.
        m_window->stopSlot(kHealthySlot);
        QTRY_COMPARE_WITH_TIMEOUT(slot->snapshot().status, SlotStatus::Attention, kRunTimeoutMs);
        QCOMPARE(slot->snapshot().resultCode, int(ResultCode::UnknownError));
        QVERIFY2(slot->snapshot().detail.contains(u"stopped by the operator"_s), qPrintable(slot->snapshot().detail));
        QVERIFY2(
            slot->snapshot().attention.contains(u"Stopped by the operator"_s), qPrintable(slot->snapshot().attention));
        // Not a failed device: no result counted, no fixture-fault streak.
        QVERIFY(finished.isEmpty());
        QCOMPARE(m_window->counters().slot(kHealthySlot).failed, before.failed);
        QCOMPARE(m_window->counters().failureStreak(kHealthySlot), 0);
        // Nothing was left half-escrowed.
        QTRY_COMPARE(m_backend->outboxPending(), 0);
        QVERIFY(m_languages->setLanguage(u"es"_s));
        QTRY_VERIFY(slot->snapshot().attention.contains(u"Detenido por el operador"_s));
        saveScreenshot(m_window.get(), u"station-engine-stopped"_s);
        QVERIFY(m_languages->setLanguage(u"en"_s));
    }

    void recordWaitsInTheOutboxUntilTheServerIsBack()
    {
        // The server goes away once the device answers (the configuration is in
        // hand and its files are in the station's cache from the runs before):
        // the keys are made and written, the server cannot take them, the
        // record stays in the outbox.
        const QMetaObject::Connection cut
            = connect(m_backend->slotModel(), &EngineSlotModel::slotChanged, this, [this](int changed) {
                  const QString step = m_backend->slotModel()->snapshot(changed).step;
                  if (changed == kOutboxSlot && m_relay.isOpen() && !step.isEmpty() && step != "Starting"_L1
                      && step != "FetchConfiguration"_L1)
                      m_relay.setOpen(false);
              });
        QSignalSpy reachability(m_backend.get(), &StationBackend::serverReachabilityChanged);
        const auto result = run(kOutboxSlot);
        disconnect(cut);
        QVERIFY2(result.has_value(), "no result within the time limit");
        QVERIFY(!m_relay.isOpen());
        SlotWidget *slot = m_window->slotWidget(kOutboxSlot);
        QCOMPARE(result->first, SlotStatus::Fail);
        QVERIFY2(result->second == int(ResultCode::ServerUnreachable), qPrintable(slot->snapshot().detail));
        QVERIFY2(slot->snapshot().detail.contains(u"safe in the outbox"_s), qPrintable(slot->snapshot().detail));
        const QString nodeId = simPort(kOutboxSlot).nodeId;
        const QByteArray deviceKey
            = processor(kOutboxSlot, "node").value("keys"_L1).toObject().value("nodeRoot"_L1).toString().toLatin1();
        QVERIFY(!deviceKey.isEmpty());
        QTRY_COMPARE(m_backend->outboxPending(), 1);
        auto *outbox = m_window->header()->findChild<QLabel *>(u"outbox"_s);
        QTRY_COMPARE(outbox->text(), u"Outbox: 1 pending"_s);
        QTRY_VERIFY(!reachability.isEmpty() && !reachability.constLast().at(0).toBool());
        QVERIFY(!anyFileContains(m_dir.filePath(u"station"_s), deviceKey));
        // The device did nothing wrong: not counted as a failure.
        QCOMPARE(m_window->counters().slot(kOutboxSlot).failed, 0);
        // Nothing starts while the server is away; the header says why.
        QTRY_VERIFY(m_window->header()->message().contains(u"server cannot be reached"_s));
        QSignalSpy finished(m_window.get(), &StationWindow::runFinished);
        m_window->startSlot(kOutboxSlot, true);
        QTRY_VERIFY(slot->shownTexts().join(u'\n').contains(u"server cannot be reached"_s));
        QVERIFY(!m_backend->slotModel()->isRunning(kOutboxSlot));
        saveScreenshot(m_window.get(), u"station-engine-outbox"_s);

        // The server is back: the replay sends the record, the outbox empties.
        m_relay.setOpen(true);
        QTRY_VERIFY_WITH_TIMEOUT(!reachability.isEmpty() && reachability.constLast().at(0).toBool(), 20000);
        QTRY_VERIFY(!m_window->header()->message().contains(u"server cannot be reached"_s));
        QVERIFY(finished.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_backend->outboxPending(), 0, 30000);
        QTRY_COMPARE(outbox->text(), u"Outbox: 0 pending"_s);
        QCOMPARE(serverKeys(nodeId), QList<QByteArray> {deviceKey});
    }

    void newServerAddressReachesTheEngine()
    {
        // A supervisor points the station at the server directly; the relay is gone for good.
        m_relay.setOpen(false);
        QSignalSpy reachability(m_backend.get(), &StationBackend::serverReachabilityChanged);
        EngineBackend::Options options = m_backend->options();
        options.endpoint.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.port()));
        m_backend->reconfigure(options);
        QTRY_VERIFY_WITH_TIMEOUT(!reachability.isEmpty() && reachability.constLast().at(0).toBool(), 20000);
        // Re-provisioning the first device (a supervisor confirms): a new key,
        // escrowed through the new address.
        const QByteArray oldKey
            = processor(kHealthySlot, "node").value("keys"_L1).toObject().value("nodeRoot"_L1).toString().toLatin1();
        const UserSession operatorSession = m_window->session();
        m_window->setSession(UserSession {u"sam"_s, u"supervisor"_s, operatorSession.token, {}});
        const auto restore = qScopeGuard([&] { m_window->setSession(operatorSession); });
        QSignalSpy finished(m_window.get(), &StationWindow::runFinished);
        QVERIFY(m_window->provisionAgain(kHealthySlot));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kRunTimeoutMs);
        QVERIFY2(finished.constFirst().at(1).value<SlotStatus>() == SlotStatus::Pass,
            qPrintable(m_window->slotWidget(kHealthySlot)->snapshot().detail));
        const QByteArray newKey
            = processor(kHealthySlot, "node").value("keys"_L1).toObject().value("nodeRoot"_L1).toString().toLatin1();
        QVERIFY(newKey != oldKey);
        const QList<QByteArray> keys = serverKeys(simPort(kHealthySlot).nodeId);
        QCOMPARE(keys.size(), 2);
        QVERIFY(keys.contains(oldKey) && keys.contains(newKey));
        saveScreenshot(m_window.get(), u"station-engine-new-server"_s);
    }
};

QTEST_MAIN(TestStationRun)
#include "tst_stationrun.moc"
