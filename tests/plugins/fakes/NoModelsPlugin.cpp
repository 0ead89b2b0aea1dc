// Metadata without "Models": refused before loading (the constructor aborts).
#include <QObject>
#include <QtPlugin>

#include <cstdlib>

class NoModelsPlugin : public QObject
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.provstation.MeterPlugin/1" FILE "nomodels.json")

public:
    NoModelsPlugin() { std::abort(); }
};

#include "NoModelsPlugin.moc"
