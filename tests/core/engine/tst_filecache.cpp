#include "engine/FileCache.h"
#include "engine/ServerClient.h"

#include "ConfigurationJson.h"
#include "StubStationServer.h"

#include <QDateTime>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace prov::engine;

class tst_FileCache : public QObject
{
    Q_OBJECT

private:
    QByteArray m_kmsPem;

    ConfigurationPtr configuration(prov::test::StubStationServer &stub)
    {
        std::optional<prov::Result<ConfigurationPtr>> got;
        ServerEndpoint e;
        e.baseUrl = QUrl(stub.baseUrl());
        ServerClient client(e);
        client.fetchConfiguration({prov::ConfigId(0x45), {}}, this, [&got](const auto &r) { got = r; });
        if (!QTest::qWaitFor([&] { return got.has_value(); }, 5000) || !got->ok())
            return nullptr;
        return got->value();
    }

private slots:
    void initTestCase()
    {
        auto key = prov::crypto::RsaPrivateKey::generate(2048);
        QVERIFY(key.ok());
        m_kmsPem = key->publicKey().toPem();
    }

    void thirtyTwoStationsDownloadEachFileOnce()
    {
        prov::test::StubStationServer stub;
        stub.files = {{QStringLiteral("node-firmware"), QByteArray(300000, 'n')},
            {QStringLiteral("node-fieldConfig"), "field"}, {QStringLiteral("emcm-firmware"), QByteArray(70000, 'e')}};
        stub.configuration = prov::test::configurationJson(stub.baseUrl(), stub.files, m_kmsPem);
        const ConfigurationPtr config = configuration(stub);
        QVERIFY(config);
        QTemporaryDir dir;
        ServerEndpoint e;
        e.baseUrl = QUrl(stub.baseUrl());
        ServerClient client(e);
        FileCache cache(dir.path(), &client);

        // 32 "stations" on 4 threads ask for every file at the same moment.
        QList<QThread *> threads;
        QList<QObject *> stations;
        for (int t = 0; t < 4; ++t) {
            threads.append(new QThread);
            threads.last()->start();
        }
        QAtomicInt ok;
        QAtomicInt failed;
        const QList<ConfigFile> files = config->allFiles();
        QCOMPARE(files.size(), 3);
        for (int s = 0; s < 32; ++s) {
            auto *station = new QObject;
            station->moveToThread(threads.at(s % 4));
            stations.append(station);
            for (const ConfigFile &f : files) {
                cache.fetch(f, station, [&ok, &failed, f](const prov::Result<QString> &path) {
                    if (path.ok() && QFile(path.value()).size() == f.size)
                        ok.fetchAndAddRelaxed(1);
                    else
                        failed.fetchAndAddRelaxed(1);
                });
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(ok.loadRelaxed() + failed.loadRelaxed(), 96, 20000);
        QCOMPARE(failed.loadRelaxed(), 0);
        for (const QString &name : stub.files.keys())
            QCOMPARE(stub.fileGets.value(name), 1);
        QCOMPARE(cache.stats().downloads, 3);
        QCOMPARE(cache.stats().hits, 93);
        for (QObject *o : stations)
            o->deleteLater();
        for (QThread *t : threads) {
            t->quit();
            t->wait();
            delete t;
        }
    }

    void processesSharingTheFolderAllGetVerifiedFiles()
    {
        // One FileCache per process (one CLI per port, the window), each with its
        // own client thread, all on one fresh folder, asking for the same files at
        // the same moment: each downloads to its own name, and every one succeeds.
        prov::test::StubStationServer stub;
        stub.files = {{QStringLiteral("node-firmware"), QByteArray(2000000, 'n')},
            {QStringLiteral("node-fieldConfig"), "field"}, {QStringLiteral("emcm-firmware"), QByteArray(700000, 'e')}};
        stub.configuration = prov::test::configurationJson(stub.baseUrl(), stub.files, m_kmsPem);
        const ConfigurationPtr config = configuration(stub);
        QVERIFY(config);
        const QList<ConfigFile> files = config->allFiles();
        constexpr int kProcesses = 6;
        for (int round = 0; round < 3; ++round) {
            QTemporaryDir dir;
            ServerEndpoint e;
            e.baseUrl = QUrl(stub.baseUrl());
            std::vector<std::unique_ptr<ServerClient>> clients;
            std::vector<std::unique_ptr<FileCache>> caches;
            for (int p = 0; p < kProcesses; ++p) {
                clients.push_back(std::make_unique<ServerClient>(e));
                caches.push_back(
                    std::make_unique<FileCache>(dir.path() + QStringLiteral("/cache"), clients.back().get()));
            }
            QStringList failures;
            int answered = 0;
            for (const auto &cache : caches) {
                for (const ConfigFile &f : files) {
                    cache->fetch(f, this, [&failures, &answered, f](const prov::Result<QString> &path) {
                        ++answered;
                        if (!path.ok()) {
                            failures.append(path.error().toString());
                            return;
                        }
                        // What a station then opens is the whole, verified file.
                        QFile file(path.value());
                        if (!file.open(QIODevice::ReadOnly))
                            failures.append(QStringLiteral("cannot open %1").arg(path.value()));
                        else if (prov::crypto::Digest::hash(file.readAll(), prov::crypto::Digest::Algorithm::Sha256)
                            != f.sha256)
                            failures.append(QStringLiteral("%1 is not the file").arg(path.value()));
                    });
                }
            }
            QTRY_COMPARE_WITH_TIMEOUT(answered, kProcesses * int(files.size()), 30000);
            QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
            // Only the verified files remain, under their hashes: no temporary left.
            QStringList expected;
            for (const ConfigFile &f : files)
                expected.append(QString::fromLatin1(f.sha256.toHex()));
            expected.sort();
            QCOMPARE(QDir(dir.path() + QStringLiteral("/cache")).entryList(QDir::Files | QDir::Hidden, QDir::Name),
                expected);
            caches.clear();
            clients.clear();
        }
    }

    void anAbandonedDownloadIsRemovedOneInProgressIsNot()
    {
        QTemporaryDir dir;
        const QString abandoned = dir.filePath(QStringLiteral(".incoming-0123456789abcdef-1.part"));
        const QString running = dir.filePath(QStringLiteral(".incoming-0123456789abcdef-2.part"));
        for (const QString &path : {abandoned, running}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("partial");
        }
        {
            QFile file(abandoned);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addDays(-2), QFileDevice::FileModificationTime));
        }
        ServerEndpoint e;
        e.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/"));
        ServerClient client(e);
        FileCache cache(dir.path(), &client);
        QVERIFY(!QFile::exists(abandoned));
        QVERIFY(QFile::exists(running));
    }

    void aWrongHashIs102AndNothingIsKept()
    {
        prov::test::StubStationServer stub;
        stub.files = {{QStringLiteral("node-firmware"), "real bytes"}};
        stub.configuration = prov::test::configurationJson(stub.baseUrl(), stub.files, m_kmsPem);
        const ConfigurationPtr config = configuration(stub);
        QVERIFY(config);
        stub.files[QStringLiteral("node-firmware")] = "evil bytes"; // same size, other content
        QTemporaryDir dir;
        ServerEndpoint e;
        e.baseUrl = QUrl(stub.baseUrl());
        ServerClient client(e);
        FileCache cache(dir.path(), &client);
        std::optional<prov::Result<QString>> got;
        cache.fetch(*config->nodeFirmware, this, [&got](const auto &r) { got = r; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->error().code, prov::ResultCode::ServerResponseInvalid);
        QVERIFY2(got->error().message.contains(QStringLiteral("SHA-256")), qPrintable(got->error().message));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }

    void aMissingFileIsTheRolesUnavailableCode_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("code");
        QTest::newRow("node firmware") << QStringLiteral("node-firmware") << 43;
        QTest::newRow("node config") << QStringLiteral("node-fieldConfig") << 44;
        QTest::newRow("host firmware") << QStringLiteral("emcm-firmware") << 75;
        QTest::newRow("host config") << QStringLiteral("emcm-factoryConfig") << 76;
    }

    void aMissingFileIsTheRolesUnavailableCode()
    {
        QFETCH(QString, name);
        QFETCH(int, code);
        prov::test::StubStationServer stub;
        stub.files = {{name, "x"}};
        stub.configuration = prov::test::configurationJson(stub.baseUrl(), stub.files, m_kmsPem);
        const ConfigurationPtr config = configuration(stub);
        QVERIFY(config);
        stub.files.clear();
        QTemporaryDir dir;
        ServerEndpoint e;
        e.baseUrl = QUrl(stub.baseUrl());
        ServerClient client(e);
        FileCache cache(dir.path(), &client);
        std::optional<prov::Result<QString>> got;
        cache.fetch(config->allFiles().first(), this, [&got](const auto &r) { got = r; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(int(got->error().code), code);
    }

    void sharedFolderModeCopiesFromTheTranslatedPath()
    {
        QTemporaryDir share;
        QTemporaryDir dir;
        QVERIFY(QDir(share.path()).mkpath(QStringLiteral("pkg/node")));
        const QByteArray data(1234, 's');
        QFile f(share.path() + QStringLiteral("/pkg/node/fw.bin"));
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(data) == data.size());
        f.close();
        ConfigFile file;
        file.role = QStringLiteral("node/firmware");
        file.path = QStringLiteral("node/fw.bin");
        file.size = data.size();
        file.md5 = prov::crypto::Digest::hash(data, prov::crypto::Digest::Algorithm::Md5);
        file.sha256 = prov::crypto::Digest::hash(data, prov::crypto::Digest::Algorithm::Sha256);
        file.sharedPath = QStringLiteral("/srv/provstation/pkg/node/fw.bin");
        ServerEndpoint e;
        e.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/"));
        e.pathTranslateFrom = QStringLiteral("/srv/provstation");
        e.pathTranslateTo = share.path();
        ServerClient client(e);
        FileCache cache(dir.path(), &client);
        std::optional<prov::Result<QString>> got;
        cache.fetch(file, this, [&got](const auto &r) { got = r; });
        QTRY_VERIFY(got.has_value());
        QVERIFY2(got->ok(), qPrintable(got->ok() ? QString() : got->error().toString()));
        QCOMPARE(cache.stats().sharedCopies, 1);

        file.sharedPath = QStringLiteral("/srv/provstation/pkg/node/missing.bin");
        file.sha256 = QByteArray(32, '\1');
        got.reset();
        cache.fetch(file, this, [&got](const auto &r) { got = r; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->error().code, prov::ResultCode::ServerFileUnreadable);
        QVERIFY(got->error().message.contains(QStringLiteral("missing.bin")));
    }
};

QTEST_GUILESS_MAIN(tst_FileCache)
#include "tst_filecache.moc"
