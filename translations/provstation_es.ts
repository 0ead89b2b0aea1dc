<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>CorrectiveAction</name>
    <message>
        <source>check the arguments</source>
        <translation>compruebe los argumentos</translation>
    </message>
    <message>
        <source>check the cable, the port and that the device is powered</source>
        <translation>compruebe el cable, el puerto y que el dispositivo esté alimentado</translation>
    </message>
    <message>
        <source>check the configuration ID or alias and that the latest package is imported</source>
        <translation>compruebe el ID o alias de configuración y que el último paquete esté importado</translation>
    </message>
    <message>
        <source>check that server mode is running and reachable from this station</source>
        <translation>compruebe que el modo servidor esté en marcha y sea accesible desde esta estación</translation>
    </message>
    <message>
        <source>in shared-folder mode, check that the station can read the shared folder</source>
        <translation>en modo de carpeta compartida, compruebe que la estación pueda leer la carpeta compartida</translation>
    </message>
    <message>
        <source>check that the gateway runs and is reachable</source>
        <translation>compruebe que la pasarela esté en marcha y sea accesible</translation>
    </message>
    <message>
        <source>check that the access point is online and the device is near it</source>
        <translation>compruebe que el punto de acceso esté en línea y el dispositivo cerca de él</translation>
    </message>
    <message>
        <source>check the external antenna</source>
        <translation>compruebe la antena externa</translation>
    </message>
    <message>
        <source>check that the eMCM is seated, the meter powered and configured to match</source>
        <translation>compruebe que el eMCM esté bien insertado y que el medidor esté alimentado y configurado en consecuencia</translation>
    </message>
    <message>
        <source>check that the station may write its working folder</source>
        <translation>compruebe que la estación pueda escribir en su carpeta de trabajo</translation>
    </message>
    <message>
        <source>collect the log and send it to support</source>
        <translation>recoja el registro y envíelo al soporte técnico</translation>
    </message>
</context>
<context>
    <name>FailureCause</name>
    <message>
        <source>no answer from a device on %1</source>
        <comment>%1: serial port</comment>
        <translation>ningún dispositivo responde en %1</translation>
    </message>
    <message>
        <source>the link on %1 did not come up</source>
        <comment>%1: serial port</comment>
        <translation>el enlace en %1 no se estableció</translation>
    </message>
    <message>
        <source>the device stopped answering</source>
        <translation>el dispositivo dejó de responder</translation>
    </message>
    <message>
        <source>the device's answer could not be read</source>
        <translation>no se pudo leer la respuesta del dispositivo</translation>
    </message>
    <message>
        <source>the device did not finish within %1 s</source>
        <comment>%1: seconds</comment>
        <translation>el dispositivo no terminó en %1 s</translation>
    </message>
    <message>
        <source>the node is %1, the configuration is for %2</source>
        <comment>%1: hardware type found, %2: hardware type expected</comment>
        <translation>el nodo es %1, la configuración es para %2</translation>
    </message>
    <message>
        <source>the node's calibration is invalid</source>
        <translation>la calibración del nodo no es válida</translation>
    </message>
    <message>
        <source>the node was never calibrated</source>
        <translation>el nodo nunca se calibró</translation>
    </message>
    <message>
        <source>the eMCM failed its self-test: %1</source>
        <comment>%1: failing parts (RAM, flash, radio, meter interface)</comment>
        <translation>el eMCM falló su autoprueba: %1</translation>
    </message>
    <message>
        <source>the board is %1, not an eMCM</source>
        <comment>%1: hardware type found</comment>
        <translation>la placa es %1, no un eMCM</translation>
    </message>
    <message>
        <source>the eMCM has no application %1 (it holds %2)</source>
        <comment>%1: applications the configuration needs, %2: applications the eMCM holds</comment>
        <translation>el eMCM no tiene la aplicación %1 (tiene %2)</translation>
    </message>
    <message>
        <source>the label does not match: label %1, eMCM %2 (ID %3)</source>
        <comment>%1: ID on the label, %2: last 8 digits of the eMCM's ID, %3: the eMCM's full ID</comment>
        <translation>la etiqueta no coincide: etiqueta %1, eMCM %2 (ID %3)</translation>
    </message>
    <message>
        <source>the eMCM cannot reach the meter</source>
        <translation>el eMCM no llega al medidor</translation>
    </message>
    <message>
        <source>the eMCM reaches meter %1, the label says %2</source>
        <comment>%1: meter serial the eMCM reports, %2: meter serial on the label</comment>
        <translation>el eMCM llega al medidor %1, la etiqueta dice %2</translation>
    </message>
    <message>
        <source>the device did not join the gateway within %1 s</source>
        <comment>%1: seconds</comment>
        <translation>el dispositivo no se unió a la pasarela en %1 s</translation>
    </message>
    <message>
        <source>the device rejected the firmware image (checksum mismatch)</source>
        <translation>el dispositivo rechazó el firmware (suma de control errónea)</translation>
    </message>
    <message>
        <source>the device rejected the configuration (checksum mismatch)</source>
        <translation>el dispositivo rechazó la configuración (suma de control errónea)</translation>
    </message>
    <message>
        <source>the device could not write its flash memory</source>
        <translation>el dispositivo no pudo escribir su memoria flash</translation>
    </message>
    <message>
        <source>the device reported a hardware failure (%1)</source>
        <comment>%1: the request it answered to</comment>
        <translation>el dispositivo informó de un fallo de hardware (%1)</translation>
    </message>
    <message>
        <source>the device answered "%1" to %2</source>
        <comment>%1: the device's answer, %2: the request</comment>
        <translation>el dispositivo respondió "%1" a %2</translation>
    </message>
    <message>
        <source>the device is still unlocked after Lock</source>
        <translation>el dispositivo sigue desbloqueado tras el bloqueo</translation>
    </message>
    <message>
        <source>the unit has not passed PRETEST for this configuration</source>
        <translation>la unidad no ha pasado el PRETEST de esta configuración</translation>
    </message>
    <message>
        <source>the server does not answer</source>
        <translation>el servidor no responde</translation>
    </message>
    <message>
        <source>the gateway does not answer</source>
        <translation>la pasarela no responde</translation>
    </message>
    <message>
        <source>node %1 is already provisioned and locked</source>
        <comment>%1: node ID</comment>
        <translation>el nodo %1 ya está aprovisionado y bloqueado</translation>
    </message>
</context>
<context>
    <name>OperatorAction</name>
    <message>
        <source>press Retry</source>
        <translation>pulse Reintentar</translation>
    </message>
    <message>
        <source>re-seat the device (connector, cable, power), then press Retry</source>
        <translation>vuelva a colocar el dispositivo (conector, cable, alimentación) y pulse Reintentar</translation>
    </message>
    <message>
        <source>re-scan the label; if it still does not match, set the unit aside</source>
        <translation>vuelva a escanear la etiqueta; si sigue sin coincidir, aparte la unidad</translation>
    </message>
    <message>
        <source>reject the unit: press Reject</source>
        <translation>rechace la unidad: pulse Rechazar</translation>
    </message>
    <message>
        <source>press Retry once; if it fails again, reject the unit</source>
        <translation>pulse Reintentar una vez; si vuelve a fallar, rechace la unidad</translation>
    </message>
    <message>
        <source>call the supervisor</source>
        <translation>llame al supervisor</translation>
    </message>
    <message>
        <source>set the unit aside and call the supervisor: this slot is set up for another product</source>
        <translation>aparte la unidad y llame al supervisor: este puesto está preparado para otro producto</translation>
    </message>
    <message>
        <source>re-seat the eMCM in the meter and check that the meter is powered, then press Retry</source>
        <translation>vuelva a colocar el eMCM en el medidor, compruebe que el medidor tenga alimentación y pulse Reintentar</translation>
    </message>
    <message>
        <source>check that the access point is on and the antenna connected, then press Retry</source>
        <translation>compruebe que el punto de acceso esté encendido y la antena conectada, y pulse Reintentar</translation>
    </message>
    <message>
        <source>take the unit out: it is done; only a supervisor may provision it again (Provision again)</source>
        <translation>retire la unidad: ya está terminada; solo un supervisor puede aprovisionarla de nuevo (Aprovisionar de nuevo)</translation>
    </message>
</context>
<context>
    <name>ResultCode</name>
    <message>
        <source>success</source>
        <translation>correcto</translation>
    </message>
    <message>
        <source>internal software error</source>
        <translation>error interno del software</translation>
    </message>
    <message>
        <source>invalid command-line arguments</source>
        <translation>argumentos de línea de comandos no válidos</translation>
    </message>
    <message>
        <source>cannot communicate with the device under test</source>
        <translation>no se puede comunicar con el dispositivo bajo prueba</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>error desconocido</translation>
    </message>
    <message>
        <source>message to node failed</source>
        <translation>falló el mensaje al nodo</translation>
    </message>
    <message>
        <source>node returned unexpected error</source>
        <translation>el nodo devolvió un error inesperado</translation>
    </message>
    <message>
        <source>verification of node provisioning failed</source>
        <translation>falló la verificación del aprovisionamiento del nodo</translation>
    </message>
    <message>
        <source>node version incompatible with this provisioning version</source>
        <translation>versión del nodo incompatible con esta versión de aprovisionamiento</translation>
    </message>
    <message>
        <source>node hardware type incompatible</source>
        <translation>tipo de hardware del nodo incompatible</translation>
    </message>
    <message>
        <source>node calibration information incompatible</source>
        <translation>información de calibración del nodo incompatible</translation>
    </message>
    <message>
        <source>node configuration information incompatible</source>
        <translation>información de configuración del nodo incompatible</translation>
    </message>
    <message>
        <source>node firmware from server unavailable or does not match node type</source>
        <translation>firmware del nodo no disponible en el servidor o no corresponde al tipo de nodo</translation>
    </message>
    <message>
        <source>node configuration from server unavailable or invalid</source>
        <translation>configuración del nodo no disponible en el servidor o no válida</translation>
    </message>
    <message>
        <source>cannot communicate with the host (eMCM)</source>
        <translation>no se puede comunicar con el host (eMCM)</translation>
    </message>
    <message>
        <source>host returned unexpected error</source>
        <translation>el host devolvió un error inesperado</translation>
    </message>
    <message>
        <source>verification of host provisioning failed</source>
        <translation>falló la verificación del aprovisionamiento del host</translation>
    </message>
    <message>
        <source>host reported failing or invalid hardware</source>
        <translation>el host informó de hardware defectuoso o no válido</translation>
    </message>
    <message>
        <source>host firmware from server unavailable or does not match host type</source>
        <translation>firmware del host no disponible en el servidor o no corresponde al tipo de host</translation>
    </message>
    <message>
        <source>host configuration from server unavailable or invalid</source>
        <translation>configuración del host no disponible en el servidor o no válida</translation>
    </message>
    <message>
        <source>server unreachable</source>
        <translation>servidor inaccesible</translation>
    </message>
    <message>
        <source>server returned an error response</source>
        <translation>el servidor devolvió una respuesta de error</translation>
    </message>
    <message>
        <source>server response invalid, or file hash/signature mismatch</source>
        <translation>respuesta del servidor no válida, o hash/firma de archivo no coincide</translation>
    </message>
    <message>
        <source>cannot open a file from the server</source>
        <translation>no se puede abrir un archivo del servidor</translation>
    </message>
    <message>
        <source>gateway unreachable</source>
        <translation>pasarela inaccesible</translation>
    </message>
    <message>
        <source>gateway returned unexpected error</source>
        <translation>la pasarela devolvió un error inesperado</translation>
    </message>
    <message>
        <source>device did not join the gateway</source>
        <translation>el dispositivo no se unió a la pasarela</translation>
    </message>
    <message>
        <source>application link failure (eMCM cannot talk to the meter)</source>
        <translation>fallo del enlace de aplicación (el eMCM no puede comunicarse con el medidor)</translation>
    </message>
</context>
<context>
    <name>ScanClassifier</name>
    <message>
        <source>scan pattern "%1" has no kind</source>
        <translation>el patrón de escaneo "%1" no tiene tipo</translation>
    </message>
    <message>
        <source>scan pattern "%1" for %2 is invalid: %3 at %4</source>
        <translation>el patrón de escaneo "%1" para %2 no es válido: %3 en la posición %4</translation>
    </message>
</context>
<context>
    <name>ScanKind</name>
    <message>
        <source>slot label</source>
        <translation>etiqueta de posición</translation>
    </message>
    <message>
        <source>eMCM ID</source>
        <translation>ID del eMCM</translation>
    </message>
    <message>
        <source>meter serial</source>
        <translation>número de serie del medidor</translation>
    </message>
    <message>
        <source>configuration alias</source>
        <translation>alias de configuración</translation>
    </message>
    <message>
        <source>batch number</source>
        <translation>número de lote</translation>
    </message>
    <message>
        <source>unknown barcode</source>
        <translation>código de barras desconocido</translation>
    </message>
</context>
<context>
    <name>SlotBinding</name>
    <message>
        <source>USB serial %1</source>
        <translation>serie USB %1</translation>
    </message>
    <message>
        <source>USB socket %1</source>
        <translation>conector USB %1</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>puerto %1</translation>
    </message>
    <message>
        <source>not bound</source>
        <translation>sin asignar</translation>
    </message>
</context>
<context>
    <name>SlotRunOptions</name>
    <message>
        <source>skip lock</source>
        <translation>sin bloqueo</translation>
    </message>
    <message>
        <source>skip keys</source>
        <translation>sin claves</translation>
    </message>
    <message>
        <source>factory configuration</source>
        <translation>configuración de fábrica</translation>
    </message>
    <message>
        <source>join timeout %1 s</source>
        <translation>espera de unión %1 s</translation>
    </message>
</context>
<context>
    <name>SlotStatus</name>
    <message>
        <source>IDLE</source>
        <translation>EN ESPERA</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>EN CURSO</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>CORRECTO</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FALLO</translation>
    </message>
    <message>
        <source>NEEDS ATTENTION</source>
        <translation>REQUIERE ATENCIÓN</translation>
    </message>
</context>
<context>
    <name>StepName</name>
    <message>
        <source>starting</source>
        <translation>iniciando</translation>
    </message>
    <message>
        <source>loading the configuration</source>
        <translation>cargando la configuración</translation>
    </message>
    <message>
        <source>reading the node</source>
        <translation>leyendo el nodo</translation>
    </message>
    <message>
        <source>checking the node type</source>
        <translation>comprobando el tipo de nodo</translation>
    </message>
    <message>
        <source>reading the eMCM</source>
        <translation>leyendo el eMCM</translation>
    </message>
    <message>
        <source>checking the label</source>
        <translation>comprobando la etiqueta</translation>
    </message>
    <message>
        <source>updating the node firmware</source>
        <translation>actualizando el firmware del nodo</translation>
    </message>
    <message>
        <source>updating the eMCM firmware</source>
        <translation>actualizando el firmware del eMCM</translation>
    </message>
    <message>
        <source>writing the factory configuration</source>
        <translation>escribiendo la configuración de fábrica</translation>
    </message>
    <message>
        <source>writing the field configuration</source>
        <translation>escribiendo la configuración de campo</translation>
    </message>
    <message>
        <source>preparing the gateway</source>
        <translation>preparando la pasarela</translation>
    </message>
    <message>
        <source>checking the earlier test</source>
        <translation>comprobando la prueba anterior</translation>
    </message>
    <message>
        <source>waiting for the node to join the gateway</source>
        <translation>esperando a que el nodo se una a la pasarela</translation>
    </message>
    <message>
        <source>making the keys</source>
        <translation>generando las claves</translation>
    </message>
    <message>
        <source>writing the keys</source>
        <translation>escribiendo las claves</translation>
    </message>
    <message>
        <source>checking the keys</source>
        <translation>comprobando las claves</translation>
    </message>
    <message>
        <source>storing the keys on the server</source>
        <translation>guardando las claves en el servidor</translation>
    </message>
    <message>
        <source>checking what was written</source>
        <translation>comprobando lo escrito</translation>
    </message>
    <message>
        <source>locking the device</source>
        <translation>bloqueando el dispositivo</translation>
    </message>
    <message>
        <source>checking the meter link</source>
        <translation>comprobando el enlace con el medidor</translation>
    </message>
</context>
<context>
    <name>UserSession</name>
    <message>
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operador</translation>
    </message>
    <message>
        <source>station</source>
        <translation>estación</translation>
    </message>
</context>
<context>
    <name>prov::engine::RunModel</name>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Medidor</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Node ID</source>
        <translation>ID de nodo</translation>
    </message>
    <message>
        <source>eMCM ID</source>
        <translation>ID del eMCM</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
</context>
<context>
    <name>prov::gui::ApiClient</name>
    <message>
        <source>server %1 unreachable: %2</source>
        <translation>servidor %1 inaccesible: %2</translation>
    </message>
    <message>
        <source>server %1 sent invalid JSON: %2</source>
        <translation>el servidor %1 envió JSON no válido: %2</translation>
    </message>
    <message>
        <source>server %1 answered HTTP %2</source>
        <translation>el servidor %1 respondió HTTP %2</translation>
    </message>
    <message>
        <source>the server settings are invalid: %1</source>
        <translation>la configuración del servidor no es válida: %1</translation>
    </message>
    <message>
        <source>server %1 presented the TLS key %2, which matches none of the pinned keys: it is not the server this station trusts</source>
        <translation>el servidor %1 presentó la clave TLS %2, que no coincide con ninguna de las claves fijadas: no es el servidor en el que confía esta estación</translation>
    </message>
</context>
<context>
    <name>prov::gui::AuditPage</name>
    <message>
        <source>Newest entries:</source>
        <translation>Entradas más recientes:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Verify the chain</source>
        <translation>Verificar la cadena</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objeto</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <source>Cannot read the audit log: %1</source>
        <translation>No se puede leer el registro de auditoría: %1</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Verificando…</translation>
    </message>
    <message>
        <source>Cannot verify the audit log: %1</source>
        <translation>No se puede verificar el registro de auditoría: %1</translation>
    </message>
    <message numerus="yes">
        <source>✔ The audit chain is intact (%n entries).</source>
        <translation><numerusform>✔ La cadena de auditoría está intacta (%n entrada).</numerusform><numerusform>✔ La cadena de auditoría está intacta (%n entradas).</numerusform></translation>
    </message>
    <message>
        <source>✖ The audit chain is BROKEN: %1</source>
        <translation>✖ La cadena de auditoría está ROTA: %1</translation>
    </message>
</context>
<context>
    <name>prov::gui::ConnectDialog</name>
    <message>
        <source>Connect to server</source>
        <translation>Conectar con el servidor</translation>
    </message>
    <message>
        <source>Type the server's address and the pairing code the server's admin gives you (server mode: Stations, Pair a station…). The code is valid for 15 minutes and pairs one station.</source>
        <translation>Escriba la dirección del servidor y el código de emparejamiento que le da el administrador del servidor (modo servidor: Estaciones, Emparejar una estación…). El código es válido 15 minutos y empareja una sola estación.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Código de emparejamiento</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Type the server's address, for example backroom:8085.</source>
        <translation>Escriba la dirección del servidor, por ejemplo backroom:8085.</translation>
    </message>
    <message>
        <source>Pairing needs an encrypted connection: type the address without http:// (https is used).</source>
        <translation>El emparejamiento necesita una conexión cifrada: escriba la dirección sin http:// (se usa https).</translation>
    </message>
    <message>
        <source>"%1" is not a server address: type the server's name or IP address, with :PORT when it is not %2 (for example backroom or 192.168.1.20:8085).</source>
        <translation>"%1" no es una dirección de servidor: escriba el nombre o la dirección IP del servidor, con :PUERTO cuando no sea %2 (por ejemplo backroom o 192.168.1.20:8085).</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Detalles: %1</translation>
    </message>
    <message>
        <source>The code is mistyped: compare it with the code the server shows, character by character.</source>
        <translation>El código está mal escrito: compárelo carácter por carácter con el código que muestra el servidor.</translation>
    </message>
    <message>
        <source>A pairing code has 10 characters, like 7KQ4-M9XD-2R: check that you typed all of it.</source>
        <translation>Un código de emparejamiento tiene 10 caracteres, como 7KQ4-M9XD-2R: compruebe que lo escribió entero.</translation>
    </message>
    <message>
        <source>This is not a pairing code: it has only digits and the letters A to Z, like 7KQ4-M9XD-2R.</source>
        <translation>Esto no es un código de emparejamiento: solo tiene cifras y las letras de la A a la Z, como 7KQ4-M9XD-2R.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando con %1…</translation>
    </message>
    <message>
        <source>Storing the pairing…</source>
        <translation>Guardando el emparejamiento…</translation>
    </message>
    <message>
        <source>Pairing cancelled. If the server had already answered, this code may now be void: ask the admin for a new one.</source>
        <translation>Emparejamiento cancelado. Si el servidor ya había respondido, este código puede haber quedado anulado: pida uno nuevo al administrador.</translation>
    </message>
    <message>
        <source>Ask the server's admin for a new code.</source>
        <translation>Pida un código nuevo al administrador del servidor.</translation>
    </message>
    <message>
        <source>The station cannot reach a server at %1 over an encrypted connection. Check the address and the port, that the server is running with its TLS certificate, and the network.</source>
        <translation>La estación no puede conectar con un servidor en %1 mediante una conexión cifrada. Compruebe la dirección y el puerto, que el servidor esté en marcha con su certificado TLS, y la red.</translation>
    </message>
    <message>
        <source>The server at %1 could not prove that it knows this code: it is not the server that made the code, or a machine between the station and the server answers in its place. Nothing secret was sent. Check the address; %2</source>
        <translation>El servidor en %1 no pudo demostrar que conoce este código: no es el servidor que creó el código, o una máquina entre la estación y el servidor responde en su lugar. No se envió nada secreto. Compruebe la dirección; %2</translation>
    </message>
    <message>
        <source>The server at %1 has no such code. Check the code and the address.</source>
        <translation>El servidor en %1 no tiene ese código. Compruebe el código y la dirección.</translation>
    </message>
    <message>
        <source>A machine between the station and the server answers in the server's place (the server does not know the key the station sees). Nothing was paired and the code is still valid: connect the station to the server's network directly, or ask the network's administrator.</source>
        <translation>Una máquina entre la estación y el servidor responde en lugar del servidor (el servidor no reconoce la clave que ve la estación). No se emparejó nada y el código sigue siendo válido: conecte la estación directamente a la red del servidor o consulte al administrador de la red.</translation>
    </message>
    <message>
        <source>This code was already used to pair a station.</source>
        <translation>Este código ya se usó para emparejar una estación.</translation>
    </message>
    <message>
        <source>This code has expired (codes are valid for 15 minutes).</source>
        <translation>Este código ha caducado (los códigos son válidos 15 minutos).</translation>
    </message>
    <message>
        <source>This code is void: an earlier pairing attempt with it did not finish.</source>
        <translation>Este código está anulado: un intento anterior de emparejamiento con él no terminó.</translation>
    </message>
    <message>
        <source>The server did not accept the station's answer. Try once more; after three tries the code is void.</source>
        <translation>El servidor no aceptó la respuesta de la estación. Inténtelo una vez más; tras tres intentos el código queda anulado.</translation>
    </message>
    <message>
        <source>Too many pairing attempts from this station: wait a few minutes, then try again.</source>
        <translation>Demasiados intentos de emparejamiento desde esta estación: espere unos minutos y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The server refused the pairing.</source>
        <translation>El servidor rechazó el emparejamiento.</translation>
    </message>
    <message>
        <source>The station is paired, but its token cannot be stored. Pair again with a new code once this is fixed.</source>
        <translation>La estación está emparejada, pero no se puede guardar su token. Vuelva a emparejarla con un código nuevo cuando esto se haya corregido.</translation>
    </message>
    <message>
        <source>The station is paired, but the server's address cannot be stored. Pair again with a new code once this is fixed.</source>
        <translation>La estación está emparejada, pero no se puede guardar la dirección del servidor. Vuelva a emparejarla con un código nuevo cuando esto se haya corregido.</translation>
    </message>
    <message>
        <source>Connected: this station is paired as %1 with %2 (server key %3).</source>
        <translation>Conectada: esta estación está emparejada como %1 con %2 (clave del servidor %3).</translation>
    </message>
    <message>
        <source>No OS keychain (%1): the station token is stored in the file %2, which only this user can read. Anyone logged in as this user can use it.</source>
        <translation>No hay llavero del sistema (%1): el token de la estación se guarda en el archivo %2, que solo este usuario puede leer. Cualquiera que inicie sesión como este usuario puede usarlo.</translation>
    </message>
    <message>
        <source>The station token is stored in the OS keychain.</source>
        <translation>El token de la estación se guarda en el llavero del sistema.</translation>
    </message>
</context>
<context>
    <name>prov::gui::DeviceSelection</name>
    <message>
        <source>from</source>
        <translation>desde</translation>
    </message>
    <message>
        <source>until (not including)</source>
        <translation>hasta (sin incluir)</translation>
    </message>
    <message>
        <source>all, or e.g. 1000,1002-1005</source>
        <translation>todos, o p. ej. 1000,1002-1005</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>Lotes</translation>
    </message>
    <message>
        <source>Pick a configuration.</source>
        <translation>Elija una configuración.</translation>
    </message>
    <message>
        <source>Batches: %1</source>
        <translation>Lotes: %1</translation>
    </message>
</context>
<context>
    <name>prov::gui::EngineSlotModel</name>
    <message>
        <source>Stopped by the operator: check the device, then start it again.</source>
        <translation>Detenido por el operador: compruebe el dispositivo y vuelva a iniciarlo.</translation>
    </message>
</context>
<context>
    <name>prov::gui::ExportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Export device keys</source>
        <translation>Exportar claves de dispositivos</translation>
    </message>
    <message>
        <source>all, or hex e.g. 0x00010000-0x0001FFFF</source>
        <translation>todos, o en hexadecimal p. ej. 0x00010000-0x0001FFFF</translation>
    </message>
    <message>
        <source>Node IDs</source>
        <translation>ID de nodos</translation>
    </message>
    <message>
        <source>Provisioned</source>
        <translation>Aprovisionado</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Guardar como</translation>
    </message>
    <message>
        <source>Save device keys</source>
        <translation>Guardar claves de dispositivos</translation>
    </message>
    <message>
        <source>XML (*.xml)</source>
        <translation>XML (*.xml)</translation>
    </message>
    <message>
        <source>Node IDs: %1</source>
        <translation>ID de nodos: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) exported to %1.</source>
        <translation><numerusform>%n dispositivo exportado a %1.</numerusform><numerusform>%n dispositivos exportados a %1.</numerusform></translation>
    </message>
    <message>
        <source>%1 of %2 devices</source>
        <translation>%1 de %2 dispositivos</translation>
    </message>
    <message>
        <source>%1 devices, %2 kB</source>
        <translation>%1 dispositivos, %2 kB</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) left out: their latest provisioning did not finish (pending or failed), so no key of theirs is exported. Provision them again:</source>
        <translation><numerusform>%n nodo omitido: su último aprovisionamiento no terminó (pendiente o fallido), así que no se exporta ninguna clave suya. Aprovisiónelo de nuevo:</numerusform><numerusform>%n nodos omitidos: su último aprovisionamiento no terminó (pendiente o fallido), así que no se exporta ninguna clave suya. Aprovisiónelos de nuevo:</numerusform></translation>
    </message>
</context>
<context>
    <name>prov::gui::FileDownload</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>prov::gui::HeaderBar</name>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>scan or type</source>
        <translation>escanee o escriba</translation>
    </message>
    <message>
        <source>pick or scan</source>
        <translation>elija o escanee</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>○ Server: connecting…</source>
        <translation>○ Servidor: conectando…</translation>
    </message>
    <message>
        <source>● Server connected</source>
        <translation>● Servidor conectado</translation>
    </message>
    <message>
        <source>✖ Server unreachable</source>
        <translation>✖ Servidor inaccesible</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n pending</source>
        <translation><numerusform>Por enviar: %n</numerusform><numerusform>Por enviar: %n</numerusform></translation>
    </message>
    <message>
        <source>Shift: %1 passed · %2 failed
FPY %3 · %4 units/h</source>
        <translation>Turno: %1 correctos · %2 fallos
FPY %3 · %4 unidades/h</translation>
    </message>
    <message>
        <source>Shift: %1 passed · %2 failed
FPY %3 · %4 units/h · counted here</source>
        <translation>Turno: %1 correctos · %2 fallidos
FPY %3 · %4 u/h · local</translation>
    </message>
    <message>
        <source>The server's figures for this shift are not available: these are this window's own count since it started or since the last new shift.</source>
        <translation>Las cifras del servidor para este turno no están disponibles: este es el recuento propio de la ventana desde que se inició o desde el último turno nuevo.</translation>
    </message>
    <message>
        <source>The server's figures for this station's current shift (the same as yield in server mode).</source>
        <translation>Las cifras del servidor para el turno actual de esta estación (las mismas que el rendimiento en el modo servidor).</translation>
    </message>
    <message>
        <source>Operator (%1)</source>
        <translation>Operador (%1)</translation>
    </message>
    <message>
        <source>nobody</source>
        <extracomment>the operator field of the header when no one is logged in (beside the Log in button)</extracomment>
        <translation>nadie</translation>
    </message>
</context>
<context>
    <name>prov::gui::HistoryPage</name>
    <message>
        <source>Passed</source>
        <translation>Correctos</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Node ID, eMCM ID or its last 8 digits, meter serial or a scanned label</source>
        <translation>ID de nodo, ID de eMCM o sus 8 últimos dígitos, número de serie del medidor o una etiqueta escaneada</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Runs, oldest first</source>
        <translation>Ejecuciones, la más antigua primero</translation>
    </message>
    <message>
        <source>Log of the selected run</source>
        <translation>Registro de la ejecución seleccionada</translation>
    </message>
    <message>
        <source>Key records</source>
        <translation>Registros de claves</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Entradas de auditoría</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Estación</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Intento</translation>
    </message>
    <message>
        <source>Failed step</source>
        <translation>Paso fallido</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Secuencia</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objeto</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <source>Enter a node ID, an eMCM ID, a meter serial or a scanned label.</source>
        <translation>Introduzca un ID de nodo, un ID de eMCM, un número de serie del medidor o una etiqueta escaneada.</translation>
    </message>
    <message>
        <source>An identity with '/' cannot be looked up: enter the node ID, eMCM ID or meter serial.</source>
        <translation>Una identidad con '/' no se puede buscar: introduzca el ID de nodo, el ID de eMCM o el número de serie del medidor.</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>Buscando %1…</translation>
    </message>
    <message>
        <source>No run and no key record names %1.</source>
        <translation>Ninguna ejecución ni registro de clave menciona %1.</translation>
    </message>
    <message>
        <source>Cannot read the history of %1: %2</source>
        <translation>No se puede leer el historial de %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation><numerusform>%n ejecución</numerusform><numerusform>%n ejecuciones</numerusform></translation>
    </message>
    <message>
        <source>Node ID</source>
        <translation>ID de nodo</translation>
    </message>
    <message>
        <source>eMCM ID</source>
        <translation>ID del eMCM</translation>
    </message>
    <message>
        <source>Meter serial</source>
        <translation>Número de serie del medidor</translation>
    </message>
    <message>
        <source>Label %1</source>
        <translation>Etiqueta %1</translation>
    </message>
    <message>
        <source>Loading the log…</source>
        <translation>Cargando el registro…</translation>
    </message>
    <message>
        <source>Cannot read the log of run %1: %2</source>
        <translation>No se puede leer el registro de la ejecución %1: %2</translation>
    </message>
    <message>
        <source>This run was sent without a log.</source>
        <translation>Esta ejecución se envió sin registro.</translation>
    </message>
    <message>
        <source>node %1 · host %2</source>
        <translation>nodo %1 · host %2</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Station fault: %1</source>
        <translation>Fallo de estación: %1</translation>
    </message>
    <message>
        <source>%1 · rejected by %2</source>
        <translation>%1 · rechazada por %2</translation>
    </message>
</context>
<context>
    <name>prov::gui::ImportDialog</name>
    <message>
        <source>Configuration ID</source>
        <translation>ID de configuración</translation>
    </message>
    <message>
        <source>App label</source>
        <translation>Etiqueta de aplicación</translation>
    </message>
    <message>
        <source>Node type</source>
        <translation>Tipo de nodo</translation>
    </message>
    <message>
        <source>Node version</source>
        <translation>Versión del nodo</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>Aplicaciones</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>KMS key</source>
        <translation>Clave KMS</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Import a provisioning package</source>
        <translation>Importar un paquete de aprovisionamiento</translation>
    </message>
    <message>
        <source>Package (.tar.gz)</source>
        <translation>Paquete (.tar.gz)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Provisioning package</source>
        <translation>Paquete de aprovisionamiento</translation>
    </message>
    <message>
        <source>Packages (*.tar.gz *.tgz);;All files (*)</source>
        <translation>Paquetes (*.tar.gz *.tgz);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>The package file %1 does not exist.</source>
        <translation>El archivo de paquete %1 no existe.</translation>
    </message>
    <message>
        <source>Enter the package's passphrase.</source>
        <translation>Introduzca la frase de contraseña del paquete.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>Verified: check the information above, then Import.</source>
        <translation>Verificado: revise la información de arriba y pulse Importar.</translation>
    </message>
    <message>
        <source>Imported (HTTP %1).</source>
        <translation>Importado (HTTP %1).</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Advertencias</translation>
    </message>
</context>
<context>
    <name>prov::gui::LoginDialog</name>
    <message>
        <source>Log in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>The server's answer has no session token.</source>
        <translation>La respuesta del servidor no contiene un token de sesión.</translation>
    </message>
    <message>
        <source>Connect to server…</source>
        <translation>Conectar con el servidor…</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Credencial</translation>
    </message>
    <message>
        <source>Scan your badge, or enter user and password</source>
        <translation>Escanee su credencial, o introduzca usuario y contraseña</translation>
    </message>
    <message>
        <source>Scan your badge, or enter your user name and password.</source>
        <translation>Escanee su credencial, o introduzca su usuario y contraseña.</translation>
    </message>
</context>
<context>
    <name>prov::gui::PackagesPage</name>
    <message>
        <source>Import package…</source>
        <translation>Importar paquete…</translation>
    </message>
    <message>
        <source>Export keys…</source>
        <translation>Exportar claves…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Configuration ID</source>
        <translation>ID de configuración</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Node type</source>
        <translation>Tipo de nodo</translation>
    </message>
    <message>
        <source>Node version</source>
        <translation>Versión del nodo</translation>
    </message>
    <message>
        <source>App label</source>
        <translation>Etiqueta de aplicación</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>Aplicaciones</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Cannot list the packages: %1</source>
        <translation>No se pueden listar los paquetes: %1</translation>
    </message>
    <message>
        <source>%1 (newest)</source>
        <translation>%1 (la más reciente)</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>por %1</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation><numerusform>%n revisión</numerusform><numerusform>%n revisiones</numerusform></translation>
    </message>
    <message>
        <source>Device report…</source>
        <translation>Informe de dispositivos…</translation>
    </message>
</context>
<context>
    <name>prov::gui::PairStationDialog</name>
    <message>
        <source>Pair a station</source>
        <translation>Emparejar una estación</translation>
    </message>
    <message>
        <source>A one-time code lets a station connect to this server: the station's user types the server's address and the code in Connect to server… on the station. The code is valid for 15 minutes and pairs one station.</source>
        <translation>Un código de un solo uso permite que una estación se conecte a este servidor: el usuario de la estación escribe la dirección del servidor y el código en Conectar con el servidor… en la estación. El código es válido 15 minutos y empareja una sola estación.</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Nombre de la estación</translation>
    </message>
    <message>
        <source>Create code</source>
        <translation>Crear código</translation>
    </message>
    <message>
        <source>Create another code</source>
        <translation>Crear otro código</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copiar código</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Server address to type on the station:</source>
        <translation>Dirección del servidor que hay que escribir en la estación:</translation>
    </message>
    <message>
        <source>Pairing code for station %1:</source>
        <translation>Código de emparejamiento de la estación %1:</translation>
    </message>
    <message>
        <source>On a station without the window: provstation-cli pair https://%1 %2</source>
        <translation>En una estación sin la ventana: provstation-cli pair https://%1 %2</translation>
    </message>
    <message>
        <source>This server speaks plain HTTP, so stations cannot pair with it: start it with --tls-cert and --tls-key.</source>
        <translation>Este servidor usa HTTP sin cifrar, por lo que las estaciones no pueden emparejarse con él: inícielo con --tls-cert y --tls-key.</translation>
    </message>
    <message>
        <source>Server key: %1 (the station shows the key it paired with; they must be the same).</source>
        <translation>Clave del servidor: %1 (la estación muestra la clave con la que se emparejó; deben ser la misma).</translation>
    </message>
    <message>
        <source>Type the station's name, for example line1-st3.</source>
        <translation>Escriba el nombre de la estación, por ejemplo line1-st3.</translation>
    </message>
    <message>
        <source>"%1" is not a station name: use letters, digits and . _ @ : - (starting with a letter or digit), up to 64 characters.</source>
        <translation>"%1" no es un nombre de estación: use letras, cifras y . _ @ : - (empezando por una letra o cifra), hasta 64 caracteres.</translation>
    </message>
    <message>
        <source>Cannot create a pairing code: %1</source>
        <translation>No se puede crear un código de emparejamiento: %1</translation>
    </message>
    <message>
        <source>This code expired at %1: create another one.</source>
        <translation>Este código caducó a las %1: cree otro.</translation>
    </message>
    <message>
        <source>Valid until %1 (%2 left), for one station.</source>
        <translation>Válido hasta las %1 (quedan %2), para una estación.</translation>
    </message>
</context>
<context>
    <name>prov::gui::ReportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Guardar informe</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Device report</source>
        <translation>Informe de dispositivos</translation>
    </message>
    <message>
        <source>Runs started</source>
        <translation>Ejecuciones iniciadas</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Guardar como</translation>
    </message>
    <message>
        <source>Save the device report</source>
        <translation>Guardar el informe de dispositivos</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot list the report templates: %1</source>
        <translation>No se pueden listar las plantillas de informe: %1</translation>
    </message>
    <message>
        <source>All fields</source>
        <translation>Todos los campos</translation>
    </message>
    <message>
        <source>This template cannot be used: %1</source>
        <translation>Esta plantilla no se puede usar: %1</translation>
    </message>
    <message>
        <source>Columns: %1 (devices whose last run passed)</source>
        <translation>Columnas: %1 (dispositivos cuya última ejecución fue aprobada)</translation>
    </message>
    <message>
        <source>Columns: %1</source>
        <translation>Columnas: %1</translation>
    </message>
    <message>
        <source>The template needs a value for %1.</source>
        <translation>La plantilla necesita un valor para %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) written to %1.</source>
        <translation><numerusform>%n dispositivo escrito en %1.</numerusform><numerusform>%n dispositivos escritos en %1.</numerusform></translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation>%1 kB</translation>
    </message>
</context>
<context>
    <name>prov::gui::RunLogDialog</name>
    <message>
        <source>Cannot open the run log %1: %2</source>
        <translation>No se puede abrir el registro de ejecución %1: %2</translation>
    </message>
</context>
<context>
    <name>prov::gui::ScanRouter</name>
    <message>
        <source>already provisioned in this batch</source>
        <translation>ya aprovisionado en este lote</translation>
    </message>
    <message>
        <source>Barcode "%1" is not a slot, device, configuration or batch label</source>
        <translation>El código "%1" no es una etiqueta de posición, dispositivo, configuración ni lote</translation>
    </message>
    <message>
        <source>Barcode "%1" is not valid</source>
        <translation>El código "%1" no es válido</translation>
    </message>
    <message>
        <source>Barcode "%1" is a duplicate</source>
        <translation>El código "%1" está duplicado</translation>
    </message>
    <message>
        <source>Slot is running: barcode "%1" refused</source>
        <translation>La posición está en marcha: código "%1" rechazado</translation>
    </message>
    <message>
        <source>No free slot for barcode "%1": scan a slot label first</source>
        <translation>No hay posición libre para el código "%1": escanee primero una etiqueta de posición</translation>
    </message>
    <message>
        <source>No slot is labelled "%1"</source>
        <translation>Ninguna posición tiene la etiqueta "%1"</translation>
    </message>
    <message>
        <source>already waiting in slot %1</source>
        <translation>ya está esperando en la posición %1</translation>
    </message>
</context>
<context>
    <name>prov::gui::SecretStore</name>
    <message>
        <source>the keychain did not answer within %1 s</source>
        <translation>el llavero no respondió en %1 s</translation>
    </message>
    <message>
        <source>PROVSTATION_SECRETS=file selects the file store</source>
        <translation>PROVSTATION_SECRETS=file selecciona el almacén en archivos</translation>
    </message>
    <message>
        <source>no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)</source>
        <translation>no hay bus de sesión D-Bus (DBUS_SESSION_BUS_ADDRESS no está definida)</translation>
    </message>
    <message>
        <source>cannot read secret file %1: %2</source>
        <translation>no se puede leer el archivo secreto %1: %2</translation>
    </message>
    <message>
        <source>cannot write secret file %1: %2</source>
        <translation>no se puede escribir el archivo secreto %1: %2</translation>
    </message>
    <message>
        <source>cannot remove secret file %1: %2</source>
        <translation>no se puede borrar el archivo secreto %1: %2</translation>
    </message>
    <message>
        <source>the keychain refused access to %1: %2</source>
        <translation>el llavero denegó el acceso a %1: %2</translation>
    </message>
    <message>
        <source>the keychain refused to store %1: %2</source>
        <translation>el llavero se negó a guardar %1: %2</translation>
    </message>
    <message>
        <source>the keychain refused to remove %1: %2</source>
        <translation>el llavero se negó a borrar %1: %2</translation>
    </message>
</context>
<context>
    <name>prov::gui::SerialScannerReader</name>
    <message>
        <source>scanner port %1 is in use</source>
        <translation>el puerto del escáner %1 está en uso</translation>
    </message>
    <message>
        <source>cannot open scanner port %1: %2</source>
        <translation>no se puede abrir el puerto del escáner %1: %2</translation>
    </message>
    <message>
        <source>scanner port %1 failed: %2</source>
        <translation>falló el puerto del escáner %1: %2</translation>
    </message>
</context>
<context>
    <name>prov::gui::ServerModeWindow</name>
    <message>
        <source>ProvStation — server mode</source>
        <translation>ProvStation — modo servidor</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>Paquetes</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Estaciones</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>Server output</source>
        <translation>Salida del servidor</translation>
    </message>
    <message>
        <source>● Server mode at %1 — %2</source>
        <translation>● Modo servidor en %1 — %2</translation>
    </message>
    <message>
        <source>✖ Server mode at %1 not answering: %2</source>
        <translation>✖ El modo servidor en %1 no responde: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>not logged in</source>
        <translation>sin sesión</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>%1, version %2, database %3</source>
        <translation>%1, versión %2, base de datos %3</translation>
    </message>
    <message>
        <source>Create the first admin</source>
        <translation>Crear el primer administrador</translation>
    </message>
    <message>
        <source>This server has no admin yet. Create the first one; more users can be added afterwards on the Users page.</source>
        <translation>Este servidor aún no tiene administrador. Cree el primero; después podrá añadir más usuarios en la página Usuarios.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Repita la contraseña</translation>
    </message>
    <message>
        <source>Enter a user name and a password.</source>
        <translation>Introduzca un usuario y una contraseña.</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>Las contraseñas no coinciden.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Yield</source>
        <translation>Rendimiento</translation>
    </message>
    <message>
        <source>Server mode needs an admin or supervisor login.</source>
        <translation>El modo servidor necesita iniciar sesión como administrador o supervisor.</translation>
    </message>
    <message>
        <source>%1 is neither an admin nor a supervisor.</source>
        <translation>%1 no es administrador ni supervisor.</translation>
    </message>
</context>
<context>
    <name>prov::gui::ServerProcess</name>
    <message>
        <source>cannot start %1: %2</source>
        <translation>no se puede iniciar %1: %2</translation>
    </message>
    <message>
        <source>the server process crashed</source>
        <translation>el proceso del servidor se bloqueó</translation>
    </message>
    <message>
        <source>the server process exited with code %1: %2</source>
        <translation>el proceso del servidor terminó con el código %1: %2</translation>
    </message>
</context>
<context>
    <name>prov::gui::SettingsDialog</name>
    <message>
        <source>Station settings</source>
        <translation>Ajustes de la estación</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Slots</source>
        <translation>Posiciones</translation>
    </message>
    <message>
        <source>Meter plugins</source>
        <translation>Complementos de medidor</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>Escaneo</translation>
    </message>
    <message>
        <source>Language and sounds</source>
        <translation>Idioma y sonidos</translation>
    </message>
    <message>
        <source>leave empty to keep the stored token</source>
        <translation>déjelo vacío para conservar el token guardado</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Certificate pins</source>
        <translation>Huellas de certificado fijadas</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Nombre de la estación</translation>
    </message>
    <message>
        <source>Factory gateway</source>
        <translation>Pasarela de fábrica</translation>
    </message>
    <message>
        <source>Gateway control port</source>
        <translation>Puerto de control de la pasarela</translation>
    </message>
    <message>
        <source>Station token</source>
        <translation>Token de la estación</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Bound by</source>
        <translation>Asignada por</translation>
    </message>
    <message>
        <source>Serial number / socket / port</source>
        <translation>Número de serie / conector / puerto</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Medidor</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>Found at</source>
        <translation>Encontrada en</translation>
    </message>
    <message>
        <source>Add slot</source>
        <translation>Añadir posición</translation>
    </message>
    <message>
        <source>Remove slot</source>
        <translation>Quitar posición</translation>
    </message>
    <message>
        <source>Serial ports present</source>
        <translation>Puertos serie presentes</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>USB serial number</source>
        <translation>Número de serie USB</translation>
    </message>
    <message>
        <source>USB socket</source>
        <translation>Conector USB</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Bind selected slot by serial number</source>
        <translation>Asignar la posición elegida por número de serie</translation>
    </message>
    <message>
        <source>Bind selected slot by USB socket</source>
        <translation>Asignar la posición elegida por conector USB</translation>
    </message>
    <message>
        <source>Bind selected slot by port name</source>
        <translation>Asignar la posición elegida por nombre de puerto</translation>
    </message>
    <message>
        <source>Bind by USB serial number (or by the USB socket) so a re-plugged adapter comes back to its slot; ttyUSB/COM numbers change with the plug-in order.</source>
        <translation>Asigne por número de serie USB (o por conector USB) para que un adaptador reconectado vuelva a su posición; los números ttyUSB/COM cambian con el orden de conexión.</translation>
    </message>
    <message>
        <source>No meter plugins are loaded.</source>
        <translation>No hay complementos de medidor cargados.</translation>
    </message>
    <message>
        <source>This plugin has no settings.</source>
        <translation>Este complemento no tiene ajustes.</translation>
    </message>
    <message>
        <source>kept in the keychain; leave empty to keep it</source>
        <translation>se guarda en el llavero; déjelo vacío para conservarlo</translation>
    </message>
    <message>
        <source>What a barcode is (first matching pattern wins)</source>
        <translation>Qué es cada código de barras (gana el primer patrón que coincide)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Pattern (regular expression, whole text)</source>
        <translation>Patrón (expresión regular, texto completo)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>Valores predeterminados</translation>
    </message>
    <message>
        <source>scan or type a barcode to test the patterns</source>
        <translation>escanee o escriba un código para probar los patrones</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Start a slot as soon as its device is scanned</source>
        <translation>Iniciar una posición en cuanto se escanee su dispositivo</translation>
    </message>
    <message>
        <source>Operators may change the configuration, batch and operation</source>
        <translation>Los operadores pueden cambiar la configuración, el lote y la operación</translation>
    </message>
    <message>
        <source>Keyboard scanner: longest gap between keys</source>
        <translation>Escáner de teclado: pausa máxima entre teclas</translation>
    </message>
    <message>
        <source>Keyboard scanner: shortest barcode</source>
        <translation>Escáner de teclado: código más corto</translation>
    </message>
    <message>
        <source>Serial scanner port (empty: none)</source>
        <translation>Puerto del escáner serie (vacío: ninguno)</translation>
    </message>
    <message>
        <source>Serial scanner baud rate</source>
        <translation>Velocidad del escáner serie</translation>
    </message>
    <message>
        <source>Play pass, fail and reject sounds</source>
        <translation>Reproducir sonidos de correcto, fallo y rechazo</translation>
    </message>
    <message>
        <source>Test sound</source>
        <translation>Probar sonido</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Port name</source>
        <translation>Nombre de puerto</translation>
    </message>
    <message>
        <source>Not bound</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>(station's)</source>
        <translation>(la de la estación)</translation>
    </message>
    <message>
        <source>Select a slot and a port first.</source>
        <translation>Seleccione primero una posición y un puerto.</translation>
    </message>
    <message>
        <source>This adapter reports no USB serial number: bind it by USB socket instead.</source>
        <translation>Este adaptador no informa de número de serie USB: asígnelo por conector USB.</translation>
    </message>
    <message>
        <source>This port is not on USB: bind it by port name.</source>
        <translation>Este puerto no es USB: asígnelo por nombre de puerto.</translation>
    </message>
    <message>
        <source>Checking the keychain…</source>
        <translation>Consultando el llavero…</translation>
    </message>
    <message>
        <source>No station token is stored yet. Issue one with: provstation-server token issue --station NAME</source>
        <translation>Aún no hay token de estación guardado. Emita uno con: provstation-server token issue --station NOMBRE</translation>
    </message>
    <message>
        <source>A token is stored in the fallback file (no OS keychain: %1).</source>
        <translation>Hay un token guardado en el archivo de respaldo (sin llavero del sistema: %1).</translation>
    </message>
    <message>
        <source>A token is stored in the OS keychain.</source>
        <translation>Hay un token guardado en el llavero del sistema.</translation>
    </message>
    <message>
        <source>The server address "%1" is not an http or https URL.</source>
        <translation>La dirección del servidor "%1" no es una URL http o https.</translation>
    </message>
    <message>
        <source>Slot %1 needs a label of its own.</source>
        <translation>La posición %1 necesita una etiqueta propia.</translation>
    </message>
    <message>
        <source>Slot %1 is bound by %2 but has no value.</source>
        <translation>La posición %1 está asignada por %2 pero no tiene valor.</translation>
    </message>
    <message>
        <source>One per line: sha256//&lt;base64 of the public key digest&gt;, or the certificate's SHA-256 in hex. Print them with: provstation-server tls-pin --tls-cert FILE</source>
        <translation>Una por línea: sha256//&lt;base64 del resumen de la clave pública&gt;, o el SHA-256 del certificado en hexadecimal. Imprímalas con: provstation-server tls-pin --tls-cert ARCHIVO</translation>
    </message>
    <message>
        <source>empty: the paired server, %1</source>
        <translation>vacío: el servidor emparejado, %1</translation>
    </message>
    <message>
        <source>Certificate pin "%1" is not a pin: paste sha256//BASE64 or the certificate's SHA-256 fingerprint as provstation-server tls-pin prints them.</source>
        <translation>La clave fijada "%1" no es válida: pegue sha256//BASE64 o la huella SHA-256 del certificado tal como las imprime provstation-server tls-pin.</translation>
    </message>
    <message>
        <source>Retries of a failed unit before the window asks to reject it</source>
        <translation>Reintentos de una unidad fallida antes de que la ventana pida rechazarla</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Log out after no input for</source>
        <translation>Cerrar sesión tras no recibir entrada durante</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Run options by slot group</source>
        <translation>Opciones de ejecución por grupo de ranuras</translation>
    </message>
    <message>
        <source>A slot belongs to the group named in its Group column; slots of no group run with the station's defaults. The slots show the options that apply to them.</source>
        <translation>Una ranura pertenece al grupo indicado en su columna Grupo; las ranuras sin grupo usan los valores de la estación. Cada ranura muestra las opciones que se le aplican.</translation>
    </message>
    <message>
        <source>Join timeout</source>
        <translation>Espera de unión</translation>
    </message>
    <message>
        <source>Factory configuration</source>
        <translation>Configuración de fábrica</translation>
    </message>
    <message>
        <source>Skip keys</source>
        <translation>Sin claves</translation>
    </message>
    <message>
        <source>Skip lock</source>
        <translation>Sin bloqueo</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>station's</source>
        <translation>la de la estación</translation>
    </message>
</context>
<context>
    <name>prov::gui::SlotController</name>
    <message>
        <source>Next device scan goes to slot %1</source>
        <translation>El próximo escaneo de dispositivo va a la posición %1</translation>
    </message>
    <message>
        <source>Slot not bound to a port (Settings)</source>
        <translation>Posición sin puerto asignado (Ajustes)</translation>
    </message>
    <message>
        <source>Port not found: %1</source>
        <translation>Puerto no encontrado: %1</translation>
    </message>
    <message>
        <source>Waiting for Start: %1</source>
        <translation>Esperando Iniciar: %1</translation>
    </message>
    <message>
        <source>Take the device out, insert the next one, then press Start.</source>
        <translation>Retire el equipo, coloque el siguiente y pulse Iniciar.</translation>
    </message>
    <message>
        <source>Insert the device, then press Start.</source>
        <translation>Coloque el equipo y pulse Iniciar.</translation>
    </message>
    <message>
        <source>Label scanned: press Start.</source>
        <translation>Etiqueta escaneada: pulse Iniciar.</translation>
    </message>
    <message>
        <source>Take the device out. Next: scan this slot's label, then the new device's %1, then press Start.</source>
        <translation>Retire el equipo. Después: escanee la etiqueta de esta posición, luego el %1 del equipo nuevo y pulse Iniciar.</translation>
    </message>
    <message>
        <source>Insert the device, scan its %1, then press Start.</source>
        <translation>Coloque el equipo, escanee su %1 y pulse Iniciar.</translation>
    </message>
    <message>
        <source>%1 %2 scanned for slot %3</source>
        <translation>%1 %2 escaneado para la posición %3</translation>
    </message>
    <message>
        <source>%1 %2 scanned</source>
        <translation>%1 %2 escaneado</translation>
    </message>
    <message>
        <source>Put %1 back on slot %2</source>
        <translation>Devolver %1 a la posición %2</translation>
    </message>
    <message>
        <source>The slot is running: its labels cannot be put back.</source>
        <translation>La posición está en curso: sus etiquetas no se pueden devolver.</translation>
    </message>
    <message>
        <source>The labels cannot be put back: one waits on another slot or was provisioned since.</source>
        <translation>Las etiquetas no se pueden devolver: una espera en otra posición o ya se aprovisionó.</translation>
    </message>
    <message>
        <source>Only a supervisor or admin may provision a unit again.</source>
        <translation>Solo un supervisor o administrador puede aprovisionar de nuevo una unidad.</translation>
    </message>
    <message>
        <source>Log in to run devices.</source>
        <translation>Inicie sesión para procesar dispositivos.</translation>
    </message>
    <message>
        <source>The provisioning engine is not available in this build.</source>
        <translation>El motor de aprovisionamiento no está disponible en esta compilación.</translation>
    </message>
    <message>
        <source>The server cannot be reached: start again when the header says it is back.</source>
        <translation>No se puede acceder al servidor: inicie de nuevo cuando la cabecera indique que ha vuelto.</translation>
    </message>
    <message>
        <source>This unit failed %1 times: reject it instead of retrying.</source>
        <translation>Esta unidad falló %1 veces: recházela en lugar de reintentar.</translation>
    </message>
    <message>
        <source>Pick or scan a configuration first.</source>
        <translation>Elija o escanee primero una configuración.</translation>
    </message>
    <message>
        <source>Enter or scan the batch number first.</source>
        <translation>Introduzca o escanee primero el número de lote.</translation>
    </message>
    <message>
        <source>The batch number is not valid: %1</source>
        <translation>El número de lote no es válido: %1</translation>
    </message>
    <message>
        <source>%1 cannot run %2.</source>
        <translation>%1 no puede ejecutar %2.</translation>
    </message>
    <message>
        <source>Scan the %1 first.</source>
        <translation>Escanee primero: %1.</translation>
    </message>
    <message>
        <source>The scanned %1 "%2" does not fit this meter.</source>
        <translation>El valor escaneado (%1) "%2" no corresponde a este medidor.</translation>
    </message>
    <message>
        <source>The rejection is counted but not in the run log: %1</source>
        <translation>El rechazo está contado pero no consta en el registro de la ejecución: %1</translation>
    </message>
</context>
<context>
    <name>prov::gui::SlotWidget</name>
    <message>
        <source>Slot %1</source>
        <translation>Posición %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Node %1</source>
        <translation>Nodo %1</translation>
    </message>
    <message>
        <source>eMCM %1</source>
        <translation>eMCM %1</translation>
    </message>
    <message>
        <source>SN %1</source>
        <translation>N.º serie %1</translation>
    </message>
    <message>
        <source>Error %1: %2</source>
        <translation>Error %1: %2</translation>
    </message>
    <message>
        <source>Likely fixture fault: failed %1 times in a row</source>
        <translation>Probable fallo del útil: %1 fallos seguidos</translation>
    </message>
    <message>
        <source>✓%1  ✗%2  FPY %3</source>
        <translation>✓%1  ✗%2  FPY %3</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Open the run log</source>
        <translation>Abrir el registro de ejecución</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>puerto %1</translation>
    </message>
    <message>
        <source>rejected: put the unit in the reject bin</source>
        <translation>rechazada: ponga la unidad en el contenedor de rechazos</translation>
    </message>
    <message>
        <source>  rejected %1</source>
        <translation>  rechazadas %1</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>Paso %1 de %2: %3</translation>
    </message>
    <message>
        <source>%1 · %2 left to wait</source>
        <translation>%1 · quedan %2 de espera</translation>
    </message>
    <message>
        <source>%1 · about %2 left</source>
        <translation>%1 · quedan unos %2</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <source>Record the unit as rejected: it leaves the line</source>
        <translation>Registrar la unidad como rechazada: sale de la línea</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>intento %1</translation>
    </message>
    <message>
        <source>failed %1 times: reject the unit</source>
        <translation>falló %1 veces: rechace la unidad</translation>
    </message>
    <message>
        <source>Provision again</source>
        <translation>Aprovisionar de nuevo</translation>
    </message>
    <message>
        <source>Replace the unit's key: needs a supervisor or admin login</source>
        <translation>Sustituye la clave de la unidad: requiere una sesión de supervisor o administrador</translation>
    </message>
    <message>
        <source>Clear label</source>
        <translation>Borrar etiqueta</translation>
    </message>
    <message>
        <source>Take the scanned labels off this slot (Undo puts them back)</source>
        <translation>Quitar de esta posición las etiquetas escaneadas (Deshacer las devuelve)</translation>
    </message>
</context>
<context>
    <name>prov::gui::StationWindow</name>
    <message>
        <source>Your session expired: log in again.</source>
        <translation>Su sesión caducó: inicie sesión de nuevo.</translation>
    </message>
    <message>
        <source>No OS keychain (%1): the station keeps its secrets in files only this user can read, in %2.</source>
        <translation>Sin llavero del sistema (%1): la estación guarda sus secretos en archivos que solo este usuario puede leer, en %2.</translation>
    </message>
    <message>
        <source>ProvStation — station %1</source>
        <translation>ProvStation — estación %1</translation>
    </message>
    <message>
        <source>Start all idle</source>
        <translation>Iniciar todas las libres</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>Detener todas</translation>
    </message>
    <message>
        <source>Reload configurations</source>
        <translation>Recargar configuraciones</translation>
    </message>
    <message>
        <source>New shift</source>
        <translation>Nuevo turno</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Server mode</source>
        <translation>Modo servidor</translation>
    </message>
    <message>
        <source>Devices are running</source>
        <translation>Hay dispositivos en curso</translation>
    </message>
    <message>
        <source>Some slots are still provisioning. Stop them and quit?</source>
        <translation>Algunas posiciones siguen aprovisionando. ¿Detenerlas y salir?</translation>
    </message>
    <message>
        <source>The scan patterns in the settings are invalid; the defaults are used.</source>
        <translation>Los patrones de escaneo de los ajustes no son válidos; se usan los predeterminados.</translation>
    </message>
    <message>
        <source>No slots are set up yet: a supervisor binds the slots to ports in Settings.</source>
        <translation>Aún no hay posiciones configuradas: un supervisor asigna las posiciones a puertos en Ajustes.</translation>
    </message>
    <message>
        <source>Cannot load the configurations: %1</source>
        <translation>No se pueden cargar las configuraciones: %1</translation>
    </message>
    <message>
        <source>Settings need a supervisor or admin login.</source>
        <translation>Los ajustes requieren una sesión de supervisor o administrador.</translation>
    </message>
    <message>
        <source>Run log — slot %1</source>
        <translation>Registro de ejecución — posición %1</translation>
    </message>
    <message>
        <source>Last scan: %1</source>
        <translation>Último escaneo: %1</translation>
    </message>
    <message>
        <source>Configuration %1 scanned, but only a supervisor may change it.</source>
        <translation>Configuración %1 escaneada, pero solo un supervisor puede cambiarla.</translation>
    </message>
    <message>
        <source>Configuration %1 selected by scan.</source>
        <translation>Configuración %1 seleccionada por escaneo.</translation>
    </message>
    <message>
        <source>Batch %1 scanned, but only a supervisor may change it.</source>
        <translation>Lote %1 escaneado, pero solo un supervisor puede cambiarlo.</translation>
    </message>
    <message>
        <source>Batch %1 selected by scan.</source>
        <translation>Lote %1 seleccionado por escaneo.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Connect to server…</source>
        <translation>Conectar con el servidor…</translation>
    </message>
    <message>
        <source>This station is not connected to a server yet: ask an admin for a pairing code, then choose Connect to server…</source>
        <translation>Esta estación aún no está conectada a un servidor: pida un código de emparejamiento a un administrador y elija Conectar con el servidor…</translation>
    </message>
    <message>
        <source>Connecting to another server needs a supervisor or admin login.</source>
        <translation>Conectar con otro servidor requiere iniciar sesión como supervisor o administrador.</translation>
    </message>
    <message>
        <source>Connected to %1 as station %2: log in to start.</source>
        <translation>Conectada con %1 como estación %2: inicie sesión para empezar.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1): nothing starts until it is back.</source>
        <translation>No se puede acceder al servidor (%1): nada se inicia hasta que vuelva.</translation>
    </message>
    <message numerus="yes">
        <source>Logged out after %n minute(s) without input: log in again.</source>
        <translation><numerusform>Sesión cerrada tras %n minuto sin actividad: inicie sesión de nuevo.</numerusform><numerusform>Sesión cerrada tras %n minutos sin actividad: inicie sesión de nuevo.</numerusform></translation>
    </message>
    <message>
        <source>Provisioning a unit again replaces its key: it needs a supervisor or admin login.</source>
        <translation>Aprovisionar de nuevo una unidad sustituye su clave: requiere una sesión de supervisor o administrador.</translation>
    </message>
    <message>
        <source>Start a new shift at station %1? The shift counts start again from zero; the server records that %2 started it.</source>
        <translation>¿Iniciar un turno nuevo en la estación %1? Los recuentos del turno vuelven a cero; el servidor registra que lo inició %2.</translation>
    </message>
    <message>
        <source>The new shift is counted at this station only: the server did not record it (%1).</source>
        <translation>El turno nuevo solo se cuenta en esta estación: el servidor no lo registró (%1).</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message numerus="yes">
        <source>Nothing to undo: a cleared or replaced label can be put back for %n second(s).</source>
        <translation><numerusform>Nada que deshacer: una etiqueta borrada o sustituida se puede devolver durante %n segundo.</numerusform><numerusform>Nada que deshacer: una etiqueta borrada o sustituida se puede devolver durante %n segundos.</numerusform></translation>
    </message>
    <message>
        <source>A new shift needs a supervisor or admin login.</source>
        <translation>Un turno nuevo requiere una sesión de supervisor o administrador.</translation>
    </message>
    <message>
        <source>%1 is logged in as %2. %3</source>
        <translation>%1 ha iniciado sesión como %2. %3</translation>
    </message>
</context>
<context>
    <name>prov::gui::StationsPage</name>
    <message>
        <source>Station</source>
        <translation>Estación</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Correctos</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallidos</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Bandeja de salida</translation>
    </message>
    <message>
        <source>This server does not report stations.</source>
        <translation>Este servidor no informa de las estaciones.</translation>
    </message>
    <message>
        <source>Cannot list the stations: %1</source>
        <translation>No se pueden listar las estaciones: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n station(s)</source>
        <translation><numerusform>%n estación</numerusform><numerusform>%n estaciones</numerusform></translation>
    </message>
    <message>
        <source>Stations connect to %1 (plain HTTP: no key to pin).</source>
        <translation>Las estaciones se conectan a %1 (HTTP sin cifrar: ninguna clave que fijar).</translation>
    </message>
    <message>
        <source>Stations connect to %1 — server key pin: %2</source>
        <translation>Las estaciones se conectan a %1 — pin de la clave del servidor: %2</translation>
    </message>
    <message>
        <source>Revoke station</source>
        <translation>Revocar estación</translation>
    </message>
    <message>
        <source>Revoke station %1? Its tokens stop working at once: it cannot send keys or results until it is paired again.</source>
        <translation>¿Revocar la estación %1? Sus tokens dejan de funcionar de inmediato: no podrá enviar claves ni resultados hasta que se vuelva a emparejar.</translation>
    </message>
    <message>
        <source>Pair a station…</source>
        <translation>Emparejar una estación…</translation>
    </message>
    <message>
        <source>Revoke station…</source>
        <translation>Revocar estación…</translation>
    </message>
    <message>
        <source>Cannot revoke station %1: %2</source>
        <translation>No se puede revocar la estación %1: %2</translation>
    </message>
    <message>
        <source>Station %1 is revoked: it must be paired again to reach this server.</source>
        <translation>La estación %1 está revocada: debe emparejarse de nuevo para conectar con este servidor.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Station faults</source>
        <translation>Fallos de estación</translation>
    </message>
    <message>
        <source>First-pass yield</source>
        <translation>Rendimiento a la primera</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Todo</translation>
    </message>
    <message>
        <source>No heartbeat</source>
        <translation>Sin latido</translation>
    </message>
    <message>
        <source>Up since %1</source>
        <translation>Activa desde %1</translation>
    </message>
    <message>
        <source>Down (last seen %1)</source>
        <translation>Inactiva (vista por última vez %1)</translation>
    </message>
    <message>
        <source>%1 of %2 slots</source>
        <translation>%1 de %2 posiciones</translation>
    </message>
    <message numerus="yes">
        <source>%n up now</source>
        <translation><numerusform>%n activa ahora</numerusform><numerusform>%n activas ahora</numerusform></translation>
    </message>
</context>
<context>
    <name>prov::gui::UsersPage</name>
    <message>
        <source>&lt;b&gt;Users&lt;/b&gt;</source>
        <translation>&lt;b&gt;Usuarios&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tokens&lt;/b&gt; (station tokens let a station fetch configurations and upload results)</source>
        <translation>&lt;b&gt;Tokens&lt;/b&gt; (los tokens de estación permiten a una estación obtener configuraciones y subir resultados)</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Añadir usuario…</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>Quitar usuario</translation>
    </message>
    <message>
        <source>Set password…</source>
        <translation>Cambiar contraseña…</translation>
    </message>
    <message>
        <source>Issue station token…</source>
        <translation>Emitir token de estación…</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>Revocar token</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Titular</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Caduca</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revocado</translation>
    </message>
    <message>
        <source>Cannot list the users: %1</source>
        <translation>No se pueden listar los usuarios: %1</translation>
    </message>
    <message>
        <source>Cannot list the tokens: %1</source>
        <translation>No se pueden listar los tokens: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>Usuario %1 añadido.</translation>
    </message>
    <message>
        <source>Token issued for station %1.</source>
        <translation>Token emitido para la estación %1.</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Añadir usuario</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operador</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Repita la contraseña</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>Introduzca un nombre de usuario.</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>Las contraseñas no coinciden.</translation>
    </message>
    <message>
        <source>Remove the user %1?</source>
        <translation>¿Quitar el usuario %1?</translation>
    </message>
    <message>
        <source>User %1 removed.</source>
        <translation>Usuario %1 quitado.</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Cambiar contraseña</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>Nueva contraseña para %1</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>Contraseña de %1 cambiada.</translation>
    </message>
    <message>
        <source>Issue station token</source>
        <translation>Emitir token de estación</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Nombre de la estación</translation>
    </message>
    <message>
        <source>Station token</source>
        <translation>Token de la estación</translation>
    </message>
    <message>
        <source>The token for %1 (shown only now: put it in the station's settings)</source>
        <translation>El token de %1 (solo se muestra ahora: póngalo en los ajustes de la estación)</translation>
    </message>
    <message>
        <source>Token %1 revoked.</source>
        <translation>Token %1 revocado.</translation>
    </message>
    <message>
        <source>Set badge…</source>
        <translation>Asignar credencial…</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Credencial</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>optional: scan the badge</source>
        <translation>opcional: escanee la credencial</translation>
    </message>
    <message>
        <source>Badge of %1 removed.</source>
        <translation>Credencial de %1 eliminada.</translation>
    </message>
    <message>
        <source>Badge of %1 set.</source>
        <translation>Credencial de %1 asignada.</translation>
    </message>
    <message>
        <source>Set badge</source>
        <translation>Asignar credencial</translation>
    </message>
    <message>
        <source>Scan the new badge of %1 (leave empty to remove the badge)</source>
        <translation>Escanee la nueva credencial de %1 (déjelo vacío para eliminarla)</translation>
    </message>
</context>
<context>
    <name>prov::gui::YieldPage</name>
    <message>
        <source>Last 8 hours</source>
        <translation>Últimas 8 horas</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Estación</translation>
    </message>
    <message>
        <source>all stations</source>
        <translation>todas las estaciones</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Failures by result code</source>
        <translation>Fallos por código de resultado</translation>
    </message>
    <message>
        <source>Failures by step</source>
        <translation>Fallos por paso</translation>
    </message>
    <message>
        <source>Cycle time of passed runs per flow (s)</source>
        <translation>Tiempo de ciclo de las ejecuciones correctas por flujo (s)</translation>
    </message>
    <message>
        <source>This server does not report yield.</source>
        <translation>Este servidor no informa del rendimiento.</translation>
    </message>
    <message>
        <source>Cannot read the yield: %1</source>
        <translation>No se puede leer el rendimiento: %1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Actualizado %1</translation>
    </message>
    <message>
        <source>No figures yet.</source>
        <translation>Aún no hay cifras.</translation>
    </message>
    <message>
        <source>Runs %1 · Devices %2 · Passed %3 · Failed %4 · Station faults %5
First-pass yield %6 · Final yield %7 · %8 units/h</source>
        <translation>Ejecuciones %1 · Equipos %2 · Correctas %3 · Fallidas %4 · Fallos de estación %5
Rendimiento a la primera %6 · Rendimiento final %7 · %8 unidades/h</translation>
    </message>
    <message>
        <source>(no step)</source>
        <translation>(sin paso)</translation>
    </message>
    <message>
        <source>median</source>
        <translation>mediana</translation>
    </message>
    <message>
        <source>90 %</source>
        <translation>90 %</translation>
    </message>
    <message>
        <source>longest</source>
        <translation>máximo</translation>
    </message>
    <message>
        <source>%1: none in this period</source>
        <translation>%1: ninguno en este periodo</translation>
    </message>
</context>
</TS>
