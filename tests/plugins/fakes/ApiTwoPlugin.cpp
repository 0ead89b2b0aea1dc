// A plugin built for a future API 2: the registry must refuse it from its
// metadata alone, without running any of its code (the constructor aborts).
#include <QObject>
#include <QtPlugin>

#include <cstdlib>

class ApiTwoPlugin : public QObject
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.provstation.MeterPlugin/2" FILE "apitwo.json")

public:
    ApiTwoPlugin() { std::abort(); }
};

#include "ApiTwoPlugin.moc"
