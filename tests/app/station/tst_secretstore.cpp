#include "settings/SecretStore.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

/// Secrets go to the OS keychain; without one (no D-Bus session here, as on a
/// headless CI machine) they go to 0600 files, and the store says so.
class TestSecretStore : public QObject
{
    Q_OBJECT

private:
    template<typename T>
    static T wait(const std::function<void(std::function<void(const T &)>)> &call)
    {
        std::optional<T> result;
        call([&](const T &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 15000))
            return T(makeError(ResultCode::UnknownError, QStringLiteral("no answer within 15 s")));
        return *result;
    }

private Q_SLOTS:
    void fallbackWithoutKeychain()
    {
        if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("a D-Bus session is present: the fallback case needs none (tst_secretstore_keychain covers it)");
        QTemporaryDir dir;
        SecretStore store;
        store.setFallbackDirectory(dir.path() + u"/secrets"_s);
        QSignalSpy fallback(&store, &SecretStore::fallbackActivated);

        const Status written = wait<Status>([&](auto done) {
            store.write(QString::fromLatin1(SecretStore::kStationTokenKey), u"tok-123"_s, this, done);
        });
        QVERIFY(written.ok());
        QCOMPARE(fallback.size(), 1);
        QVERIFY(store.usingFallback());
        QVERIFY(fallback.at(0).at(0).toString().contains(u"D-Bus"_s));

        const QString file = dir.path() + u"/secrets/station-token"_s;
        QVERIFY(QFile::exists(file));
        QCOMPARE(QFileInfo(file).permissions()
                & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
            QFile::Permissions());
        QCOMPARE(QFileInfo(dir.path() + u"/secrets"_s).permissions() & (QFile::ReadOther | QFile::ExeOther),
            QFile::Permissions());

        const Result<QString> read = wait<Result<QString>>(
            [&](auto done) { store.read(QString::fromLatin1(SecretStore::kStationTokenKey), this, done); });
        QVERIFY(read.ok());
        QCOMPARE(*read, u"tok-123"_s);

        const Result<QString> absent
            = wait<Result<QString>>([&](auto done) { store.read(u"nothing-here"_s, this, done); });
        QVERIFY(absent.ok());
        QVERIFY(absent->isEmpty());

        QVERIFY(wait<Status>([&](auto done) { store.remove(u"station-token"_s, this, done); }).ok());
        QVERIFY(!QFile::exists(file));
    }

    void realKeychain()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("no D-Bus session: run as tst_secretstore_keychain (dbus-run-session + gnome-keyring)");
        QTemporaryDir dir;
        SecretStore store;
        store.setFallbackDirectory(dir.path() + u"/secrets"_s);
        const QString key = u"test-token-%1"_s.arg(QCoreApplication::applicationPid());
        QVERIFY(wait<Status>([&](auto done) { store.write(key, u"in-the-keychain"_s, this, done); }).ok());
        QVERIFY2(!store.usingFallback(), qPrintable(store.fallbackReason()));
        QVERIFY(!QFile::exists(dir.path() + u"/secrets/"_s + key));
        const Result<QString> read = wait<Result<QString>>([&](auto done) { store.read(key, this, done); });
        QVERIFY(read.ok());
        QCOMPARE(*read, u"in-the-keychain"_s);
        QVERIFY(wait<Status>([&](auto done) { store.remove(key, this, done); }).ok());
        const Result<QString> gone = wait<Result<QString>>([&](auto done) { store.read(key, this, done); });
        QVERIFY(gone.ok());
        QVERIFY(gone->isEmpty());
    }

    void keyNamesCannotEscapeTheFolder()
    {
        QTemporaryDir dir;
        qputenv("PROVSTATION_SECRETS", "file");
        SecretStore store;
        qunsetenv("PROVSTATION_SECRETS");
        QVERIFY(store.usingFallback());
        store.setFallbackDirectory(dir.path() + u"/s"_s);
        QVERIFY(wait<Status>([&](auto done) { store.write(u"../../evil"_s, u"x"_s, this, done); }).ok());
        QVERIFY(!QFile::exists(dir.path() + u"/evil"_s));
        QVERIFY(QFile::exists(dir.path() + u"/s/.._.._evil"_s));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
