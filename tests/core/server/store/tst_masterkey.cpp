#include "StoreTestSupport.h"

#include "TestSupport.h"
#include "server/store/MasterKey.h"

#include <QFile>
#include <QTest>

#include <memory>
#include <sys/stat.h>

using namespace prov;
using namespace prov::server;

class TestMasterKey : public test::StoreTest
{
    Q_OBJECT

private slots:
    void keyFileIsCreated0600AndReused();
    void looseKeyFileIsRefused_data();
    void looseKeyFileIsRefused();
    void symlinkedKeyFileIsRefused();
    void wrongSizeIsRefused();
    void anotherKeyIsRefused();
    void lostKeyIsNotSilentlyReplaced();
    void withoutKeychainTheDataDirFileIsUsedAndSaidSo();
    void keychainHoldsTheKeyWhenThereIsOne();

private:
    [[nodiscard]] Result<MasterKey> load(const QString &keyFile, bool keychain = false) const;
};

Result<MasterKey> TestMasterKey::load(const QString &keyFile, bool keychain) const
{
    MasterKey::Options options;
    options.dataDir = m_scratch->dataDir();
    options.keyFile = keyFile;
    options.useKeychain = keychain;
    options.keychainService = QStringLiteral("provstation-server-test");
    return MasterKey::load(options, m_store->database());
}

void TestMasterKey::keyFileIsCreated0600AndReused()
{
    const QString path = m_scratch->masterKeyFile();
    auto first = load(path);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    QCOMPARE(first->source(), MasterKey::Source::KeyFile);
    QVERIFY(first->describe().contains(path));
    QCOMPARE(first->key().size(), 32);
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    auto second = load(path);
    QVERIFY(second);
    QVERIFY(second->key().equals(first->key()));
    // The same through the store, which loads it lazily.
    auto viaStore = m_store->masterKey();
    QVERIFY2(viaStore, qPrintable(viaStore ? QString() : viaStore.error().message));
    QVERIFY(viaStore.value()->key().equals(first->key()));
}

void TestMasterKey::looseKeyFileIsRefused_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("group readable") << 0640;
    QTest::newRow("world readable") << 0604;
    QTest::newRow("group writable") << 0620;
}

void TestMasterKey::looseKeyFileIsRefused()
{
    QFETCH(int, mode);
    const QString path = m_scratch->masterKeyFile();
    QVERIFY(load(path));
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(mode)), 0);
    auto refused = load(path);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("mode 0%1").arg(mode, 0, 8)),
        qPrintable(refused.error().message));
    QVERIFY(refused.error().message.contains(path));
}

void TestMasterKey::symlinkedKeyFileIsRefused()
{
    const QString path = m_scratch->masterKeyFile();
    QVERIFY(load(path));
    const QString link = m_scratch->scratchDir() + QStringLiteral("/link.key");
    QVERIFY(QFile::link(path, link));
    auto refused = load(link);
    QVERIFY(!refused);
}

void TestMasterKey::wrongSizeIsRefused()
{
    const QString path = m_scratch->masterKeyFile();
    QVERIFY(test::writeFile(path, QByteArray(16, 'k')));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    auto refused = load(path);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QLatin1String("16 bytes, not 32")), qPrintable(refused.error().message));
}

void TestMasterKey::anotherKeyIsRefused()
{
    QVERIFY(load(m_scratch->masterKeyFile()));
    const QString other = m_scratch->scratchDir() + QStringLiteral("/other.key");
    auto missing = load(other);
    QVERIFY(!missing);
    QVERIFY2(
        missing.error().message.contains(QLatin1String("no master key file")), qPrintable(missing.error().message));
    QVERIFY(!QFile::exists(other));
    QVERIFY(test::writeFile(other, QByteArray(32, 'k')));
    QVERIFY(QFile::setPermissions(other, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    auto refused = load(other);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QLatin1String("differs from this deployment's master key")),
        qPrintable(refused.error().message));
}

void TestMasterKey::lostKeyIsNotSilentlyReplaced()
{
    // The default file in the data directory (no forced path, no keychain).
    auto first = load(QString());
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    const QString path = MasterKey::defaultKeyFile(m_scratch->dataDir());
    QVERIFY(QFile::remove(path));
    auto refused = load(QString());
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QLatin1String("restore")), qPrintable(refused.error().message));
    QVERIFY(!QFile::exists(path));
}

void TestMasterKey::withoutKeychainTheDataDirFileIsUsedAndSaidSo()
{
    const QByteArray saved = qgetenv("DBUS_SESSION_BUS_ADDRESS");
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    auto key = load(QString(), true);
    if (!saved.isEmpty())
        qputenv("DBUS_SESSION_BUS_ADDRESS", saved);
    QVERIFY2(key, qPrintable(key ? QString() : key.error().message));
    QCOMPARE(key->source(), MasterKey::Source::KeyFile);
    QVERIFY2(
        key->describe().contains(QLatin1String("no OS keychain: no D-Bus session bus")), qPrintable(key->describe()));
    QVERIFY(QFile::exists(MasterKey::defaultKeyFile(m_scratch->dataDir())));
}

void TestMasterKey::keychainHoldsTheKeyWhenThereIsOne()
{
    // Runs for real under tst_masterkey_keyring (dbus-run-session + gnome-keyring).
    const bool required = qEnvironmentVariableIsSet("PROVSTATION_TEST_REQUIRE_KEYCHAIN");
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") && !required)
        QSKIP("no D-Bus session: the keychain variant runs as tst_masterkey_keyring");
    auto first = load(QString(), true);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    if (first->source() != MasterKey::Source::Keychain && !required)
        QSKIP(qPrintable(QStringLiteral("no usable keychain here: ") + first->describe()));
    QCOMPARE(first->source(), MasterKey::Source::Keychain);
    QVERIFY(!QFile::exists(MasterKey::defaultKeyFile(m_scratch->dataDir())));
    auto second = load(QString(), true);
    QVERIFY(second);
    QCOMPARE(second->source(), MasterKey::Source::Keychain);
    QVERIFY(second->key().equals(first->key()));
}

QTEST_GUILESS_MAIN(TestMasterKey)
#include "tst_masterkey.moc"
