#include "PackCommand.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("provstation-pack"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROVSTATION_VERSION));
    return prov::pack::PackCommand().run(QCoreApplication::arguments());
}
