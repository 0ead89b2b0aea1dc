// provstation-cli's command line against the contract (docs/contracts/cli.md):
// every option of the contract's table accepted and in --help, exit code 3 with
// one error line for bad arguments, and no credential → 3 before any port is
// touched.
#include "TestSupport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class tst_CliArguments : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Out
    {
        int code = -1;
        QString out;
        QString err;
    };

    Out cli(const QStringList &args, const QString &token = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("PROVSTATION_TOKEN"));
        env.insert(QStringLiteral("PROVSTATION_SECRETS"), QStringLiteral("file"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        if (!token.isEmpty())
            env.insert(QStringLiteral("PROVSTATION_TOKEN"), token);
        p.setProcessEnvironment(env);
        p.start(prov::test::binPath(QStringLiteral("provstation-cli")), args);
        if (!p.waitForFinished(30000))
            return {};
        return {
            p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    // A complete, valid command line for a port that does not exist: it gets
    // as far as the device only when everything before it passed.
    QStringList valid() const
    {
        return {QStringLiteral("-s"), QStringLiteral("127.0.0.1:1"), QStringLiteral("-d"),
            m_dir.filePath(QStringLiteral("no-such-port")), QStringLiteral("--meter"), QStringLiteral("i210plus"),
            QStringLiteral("-p"), QStringLiteral("0x45"), QStringLiteral("--data-dir"),
            m_dir.filePath(QStringLiteral("data")), QStringLiteral("PRETEST")};
    }

private slots:
    // Every option of docs/contracts/cli.md's table, read from the document
    // itself, with a value when the table shows one (`-d PORT`, `--device=PORT`).
    void everyContractOptionIsAccepted_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<bool>("takesValue");
        const QList<QStringList> rows = prov::test::markdownTable(
            prov::test::readFile(prov::test::sourceDir() + QStringLiteral("/docs/contracts/cli.md")),
            QStringLiteral("## Options"));
        QVERIFY2(rows.size() >= 20, "docs/contracts/cli.md has no options table");
        static const QRegularExpression kSpan(QStringLiteral("`([^`]+)`"));
        for (const QStringList &row : rows) {
            for (const QRegularExpressionMatch &span : kSpan.globalMatch(row.first())) {
                const QStringList words = span.captured(1).split(u' ', Qt::SkipEmptyParts);
                for (qsizetype i = 0; i < words.size(); ++i) {
                    const QString word = words.at(i);
                    if (!word.startsWith(u'-'))
                        continue;
                    const QString name = word.section(u'=', 0, 0);
                    const bool takesValue
                        = word.contains(u'=') || (i + 1 < words.size() && !words.at(i + 1).startsWith(u'-'));
                    QTest::newRow(qPrintable(name)) << name << takesValue;
                }
            }
        }
    }

    // With --help after it, the parser must accept the option (and its value)
    // and print the usage, which must list it.
    void everyContractOptionIsAccepted()
    {
        QFETCH(QString, option);
        QFETCH(bool, takesValue);
        QStringList args {option};
        if (takesValue)
            args << QStringLiteral("1");
        args << QStringLiteral("--help");
        const Out o = cli(args);
        QVERIFY2(o.code == 0, qPrintable(o.err));
        // Its usage line, "  -s, --server, --prov_srvr <HOST[:PORT]>  Server mode ...",
        // shows a value name exactly when the contract gives the option a value.
        const QRegularExpression listed(
            QStringLiteral("^ +(\\S+, )*%1(, \\S+)*( <[^>]+>)?(  |$)").arg(QRegularExpression::escape(option)),
            QRegularExpression::MultilineOption);
        const QRegularExpressionMatch line = listed.match(o.out);
        QVERIFY2(line.hasMatch(), qPrintable(o.out));
        QCOMPARE(line.hasCaptured(3), takesValue);
    }

    void helpNamesOperationsAndExitCodes()
    {
        const Out o = cli({QStringLiteral("--help")});
        QCOMPARE(o.code, 0);
        for (const char *word : {"PROVISION", "PRETEST", "CHECKCONFIG", "POSTTEST", "Exit codes"})
            QVERIFY2(o.out.contains(QLatin1String(word)), word);
        QCOMPARE(cli({QStringLiteral("-h")}).code, 0);
    }

    void version()
    {
        const Out o = cli({QStringLiteral("--version")});
        QCOMPARE(o.code, 0);
        QCOMPARE(o.out.trimmed(), QStringLiteral("provstation-cli " PROVSTATION_VERSION));
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("replace"); // option, value pairs to set (value "-" removes the option)
        QTest::addColumn<QString>("message");
        const auto row = [](const char *name, QStringList r, const char *message) {
            QTest::newRow(name) << r << QString::fromUtf8(message);
        };
        row("no server", {QStringLiteral("-s"), QStringLiteral("-")}, "no server given");
        row("bad server", {QStringLiteral("-s"), QStringLiteral("host:99999")}, "outside 1..65535");
        row("no device", {QStringLiteral("-d"), QStringLiteral("-")}, "no device given");
        row("empty meter", {QStringLiteral("--meter"), QString()}, "--meter is empty");
        row("unknown meter", {QStringLiteral("--meter"), QStringLiteral("i310")}, "unknown meter \"i310\"");
        row("operation not offered", {QStringLiteral("--meter"), QStringLiteral("node")},
            "meter node has no PRETEST operation");
        row("no config", {QStringLiteral("-p"), QStringLiteral("-")}, "exactly one of -p");
        row("both configs", {QStringLiteral("--config-alias"), QStringLiteral("82JX570141")}, "exactly one of -p");
        row("bad config id", {QStringLiteral("-p"), QStringLiteral("0xZZ")}, "-p:");
        row("octal batch", {QStringLiteral("-B"), QStringLiteral("05082011")}, "read as octal");
        row("batch too big", {QStringLiteral("-B"), QStringLiteral("0x100000000")}, "-B:");
        row("negative batch", {QStringLiteral("-B"), QStringLiteral("-1")}, "-B:");
        row("bad wrapper", {QStringLiteral("--wrapper"), QStringLiteral("hdlc")}, "--wrapper \"hdlc\"");
        row("bad baud", {QStringLiteral("-b"), QStringLiteral("fast")}, "-b \"fast\"");
        row("bad partial", {QStringLiteral("--partial_mcm_id"), QStringLiteral("1234")}, "--partial_mcm_id");
        row("bad verbosity", {QStringLiteral("--verbosity"), QStringLiteral("3")}, "--verbosity \"3\"");
        row("bad control port", {QStringLiteral("--control_port"), QStringLiteral("70000")}, "--control_port");
        row("gateway with a port", {QStringLiteral("-g"), QStringLiteral("10.0.0.7:4100")}, "--control_port=4100");
        row("bad timeout", {QStringLiteral("-t"), QStringLiteral("0")}, "-t \"0\"");
        row("half path translation", {QStringLiteral("--path_trans_from"), QStringLiteral("/srv")}, "go together");
        row("bad pin", {QStringLiteral("--pin"), QStringLiteral("md5//x")}, "--pin");
        row("unknown setting", {QStringLiteral("--set"), QStringLiteral("speed=9")}, "has no such setting");
        row("setting out of range", {QStringLiteral("--set"), QStringLiteral("blockWindow=99")}, "blockWindow");
        row("unreadable token file", {QStringLiteral("--token-file"), QStringLiteral("/nonexistent/token")},
            "cannot be read");
    }

    void badArguments()
    {
        QFETCH(QStringList, replace);
        QFETCH(QString, message);
        QStringList args = valid();
        const QString option = replace.at(0);
        const QString value = replace.at(1);
        const qsizetype at = args.indexOf(option);
        if (value == QLatin1String("-"))
            args.remove(at, 2);
        else if (at >= 0)
            args[at + 1] = value;
        else
            args << option << value;
        const Out o = cli(args, QStringLiteral("a-token"));
        QCOMPARE(o.code, 3);
        const QStringList lines = o.err.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1);
        static const QRegularExpression kLine(QStringLiteral("^error 3: .+ \u2014 check the arguments$"));
        QVERIFY2(kLine.match(lines.first()).hasMatch(), qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(message), qPrintable(lines.first()));
    }

    void oneDotXGatewayIsRefusedByName_data()
    {
        QTest::addColumn<QString>("spelling");
        QTest::newRow("flag") << QStringLiteral("--csys_l_x");
        QTest::newRow("with a value") << QStringLiteral("--csys_l_x=1");
        QTest::newRow("single dash") << QStringLiteral("-csys_l_x");
    }

    void oneDotXGatewayIsRefusedByName()
    {
        // Factory scripts written for 1.x gateways pass it: they must learn
        // that the gateway generation is the problem, not the spelling.
        QFETCH(QString, spelling);
        QStringList args = valid();
        args.insert(0, spelling);
        const Out o = cli(args, QStringLiteral("a-token"));
        QCOMPARE(o.code, 3);
        const QStringList lines = o.err.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().startsWith(QStringLiteral("error 3: %1 selects a 1.x factory gateway").arg(spelling)),
            qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(QStringLiteral("this gateway generation (1.x) is not supported")),
            qPrintable(lines.first()));
        QVERIFY2(!lines.first().contains(QStringLiteral("nknown option")), qPrintable(lines.first()));
        QVERIFY2(lines.first().endsWith(QStringLiteral("\u2014 check the arguments")), qPrintable(lines.first()));
        // --help names it, so a script's author finds the answer there too.
        const Out help = cli({QStringLiteral("--help")});
        QVERIFY2(help.out.contains(QStringLiteral("--csys_l_x")), qPrintable(help.out));
    }

    void badOperationWord()
    {
        QStringList args = valid();
        args.last() = QStringLiteral("TEST");
        const Out o = cli(args, QStringLiteral("a-token"));
        QCOMPARE(o.code, 3);
        QVERIFY(o.err.contains(QStringLiteral("unknown OPERATION \"TEST\"")));
    }

    void noCredentialStopsBeforeTheDevice()
    {
        const Out o = cli(valid());
        QCOMPARE(o.code, 3);
        QVERIFY2(o.err.contains(QStringLiteral("no station credential")), qPrintable(o.err));
        QVERIFY2(o.err.contains(QStringLiteral("PROVSTATION_TOKEN not set")), qPrintable(o.err));
        // With a credential the same command line does reach for the device (and the server).
        const Out withToken = cli(valid(), QStringLiteral("a-token"));
        QVERIFY2(withToken.code == 100 || withToken.code == 4, qPrintable(withToken.err));
    }

    void listsAndDescribesMeters()
    {
        const Out list = cli({QStringLiteral("--list-meters")});
        QCOMPARE(list.code, 0);
        QCOMPARE(list.out.trimmed().split(QLatin1Char('\n')).size(), 3);
        const Out kv2c = cli({QStringLiteral("--describe-meter"), QStringLiteral("kv2c")});
        QCOMPARE(kv2c.code, 0);
        QVERIFY(kv2c.out.contains(QStringLiteral("\"opt_psem\"")));
        // --help says which operation runs on which port of which family.
        const Out help = cli({QStringLiteral("--help")});
        for (const char *line :
            {"  i210plus: PRETEST, CHECKCONFIG, POSTTEST, PROVISION on the direct port (115200 baud, orw)\n",
                "  kv2c: PRETEST, PROVISION on the fixture port (115200 baud, orw); CHECKCONFIG, POSTTEST on the "
                "optical port (9600 baud, opt_psem)\n",
                "  node: PROVISION on the direct port (115200 baud, none)\n"})
            QVERIFY2(help.out.contains(QLatin1String(line)), qPrintable(help.out));
    }
};

QTEST_GUILESS_MAIN(tst_CliArguments)
#include "tst_cliarguments.moc"
