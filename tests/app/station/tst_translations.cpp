#include "TestSupport.h"
#include "domain/ResultCode.h"
#include "support/LanguageManager.h"

#include <QCoreApplication>
#include <QTest>
#include <QXmlStreamReader>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

/// The .ts files are complete and the built translations cover every result
/// code and corrective action of the catalogue.
class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tsFilesAreComplete_data()
    {
        QTest::addColumn<QString>("language");
        for (const QString &lang : LanguageManager::supportedLanguages())
            QTest::newRow(qPrintable(lang)) << lang;
    }

    void tsFilesAreComplete()
    {
        QFETCH(QString, language);
        const QByteArray ts = test::readFile(test::sourceDir() + u"/translations/provstation_"_s + language + u".ts"_s);
        QVERIFY(!ts.isEmpty());
        QXmlStreamReader xml(ts);
        int messages = 0;
        QString source;
        QStringList problems;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == u"source") {
                source = xml.readElementText();
            } else if (xml.name() == u"translation") {
                ++messages;
                const QString type = xml.attributes().value(u"type"_s).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (type == u"unfinished"_s || text.trimmed().isEmpty())
                    problems << source;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 200);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void catalogueIsTranslated_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("es") << u"es"_s;
        QTest::newRow("zh_CN") << u"zh_CN"_s;
    }

    void catalogueIsTranslated()
    {
        QFETCH(QString, language);
        LanguageManager languages;
        QVERIFY(languages.setLanguage(language));
        for (ResultCode code : ResultCatalogue::allCodes()) {
            const QString text = ResultCatalogue::message(code);
            QVERIFY2(!text.isEmpty() && text != ResultCatalogue::messageSource(code),
                qPrintable(u"code %1 untranslated"_s.arg(int(code))));
        }
        for (int a = 1; a <= 11; ++a) {
            const auto action = static_cast<CorrectiveAction>(a);
            QVERIFY2(ResultCatalogue::actionText(action) != ResultCatalogue::actionTextSource(action),
                qPrintable(u"action %1 untranslated"_s.arg(a)));
        }
        // Placeholders survive translation.
        QVERIFY(ResultCatalogue::errorLine(ResultCode::GatewayUnreachable, u"localhost:4021"_s)
                    .contains(u"localhost:4021"_s));
        QVERIFY(languages.setLanguage(u"en"_s));
        QCOMPARE(ResultCatalogue::message(ResultCode::GatewayUnreachable), u"gateway unreachable"_s);
    }

    void unknownLanguageIsRefused()
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(u"es"_s));
        QVERIFY(!languages.setLanguage(u"fr"_s));
        QCOMPARE(languages.language(), u"es"_s);
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
