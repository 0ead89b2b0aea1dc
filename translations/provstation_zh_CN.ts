<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CorrectiveAction</name>
    <message>
        <source>check the arguments</source>
        <translation>请检查参数</translation>
    </message>
    <message>
        <source>check the cable, the port and that the device is powered</source>
        <translation>请检查线缆、端口以及设备是否已通电</translation>
    </message>
    <message>
        <source>check the configuration ID or alias and that the latest package is imported</source>
        <translation>请检查配置 ID 或别名，并确认已导入最新的配置包</translation>
    </message>
    <message>
        <source>check that server mode is running and reachable from this station</source>
        <translation>请确认服务器模式正在运行，且本工作站可以访问</translation>
    </message>
    <message>
        <source>in shared-folder mode, check that the station can read the shared folder</source>
        <translation>在共享文件夹模式下，请确认工作站可以读取共享文件夹</translation>
    </message>
    <message>
        <source>check that the gateway runs and is reachable</source>
        <translation>请确认网关正在运行且可以访问</translation>
    </message>
    <message>
        <source>check that the access point is online and the device is near it</source>
        <translation>请确认接入点在线，且设备靠近接入点</translation>
    </message>
    <message>
        <source>check the external antenna</source>
        <translation>请检查外部天线</translation>
    </message>
    <message>
        <source>check that the eMCM is seated, the meter powered and configured to match</source>
        <translation>请确认 eMCM 已插好，电表已通电且配置匹配</translation>
    </message>
    <message>
        <source>check that the station may write its working folder</source>
        <translation>请确认工作站可以写入其工作文件夹</translation>
    </message>
    <message>
        <source>collect the log and send it to support</source>
        <translation>请收集日志并发送给技术支持</translation>
    </message>
</context>
<context>
    <name>FailureCause</name>
    <message>
        <source>no answer from a device on %1</source>
        <comment>%1: serial port</comment>
        <translation>%1 上没有设备应答</translation>
    </message>
    <message>
        <source>the link on %1 did not come up</source>
        <comment>%1: serial port</comment>
        <translation>%1 上的链路未能建立</translation>
    </message>
    <message>
        <source>the device stopped answering</source>
        <translation>设备停止应答</translation>
    </message>
    <message>
        <source>the device's answer could not be read</source>
        <translation>无法读取设备的应答</translation>
    </message>
    <message>
        <source>the device did not finish within %1 s</source>
        <comment>%1: seconds</comment>
        <translation>设备未在 %1 秒内完成</translation>
    </message>
    <message>
        <source>the node is %1, the configuration is for %2</source>
        <comment>%1: hardware type found, %2: hardware type expected</comment>
        <translation>节点为 %1，配置适用于 %2</translation>
    </message>
    <message>
        <source>the node's calibration is invalid</source>
        <translation>节点校准无效</translation>
    </message>
    <message>
        <source>the node was never calibrated</source>
        <translation>节点从未校准</translation>
    </message>
    <message>
        <source>the eMCM failed its self-test: %1</source>
        <comment>%1: failing parts (RAM, flash, radio, meter interface)</comment>
        <translation>eMCM 自检失败：%1</translation>
    </message>
    <message>
        <source>the board is %1, not an eMCM</source>
        <comment>%1: hardware type found</comment>
        <translation>该板为 %1，不是 eMCM</translation>
    </message>
    <message>
        <source>the eMCM has no application %1 (it holds %2)</source>
        <comment>%1: applications the configuration needs, %2: applications the eMCM holds</comment>
        <translation>eMCM 没有应用 %1（现有 %2）</translation>
    </message>
    <message>
        <source>the label does not match: label %1, eMCM %2 (ID %3)</source>
        <comment>%1: ID on the label, %2: last 8 digits of the eMCM's ID, %3: the eMCM's full ID</comment>
        <translation>标签不匹配：标签 %1，eMCM %2（ID %3）</translation>
    </message>
    <message>
        <source>the eMCM cannot reach the meter</source>
        <translation>eMCM 无法连接电表</translation>
    </message>
    <message>
        <source>the eMCM reaches meter %1, the label says %2</source>
        <comment>%1: meter serial the eMCM reports, %2: meter serial on the label</comment>
        <translation>eMCM 连接的电表为 %1，标签为 %2</translation>
    </message>
    <message>
        <source>the device did not join the gateway within %1 s</source>
        <comment>%1: seconds</comment>
        <translation>设备未在 %1 秒内加入网关</translation>
    </message>
    <message>
        <source>the device rejected the firmware image (checksum mismatch)</source>
        <translation>设备拒绝了固件映像（校验和不符）</translation>
    </message>
    <message>
        <source>the device rejected the configuration (checksum mismatch)</source>
        <translation>设备拒绝了配置（校验和不符）</translation>
    </message>
    <message>
        <source>the device could not write its flash memory</source>
        <translation>设备无法写入其闪存</translation>
    </message>
    <message>
        <source>the device reported a hardware failure (%1)</source>
        <comment>%1: the request it answered to</comment>
        <translation>设备报告硬件故障（%1）</translation>
    </message>
    <message>
        <source>the device answered "%1" to %2</source>
        <comment>%1: the device's answer, %2: the request</comment>
        <translation>设备对 %2 应答“%1”</translation>
    </message>
    <message>
        <source>the device is still unlocked after Lock</source>
        <translation>锁定后设备仍未锁定</translation>
    </message>
    <message>
        <source>the unit has not passed PRETEST for this configuration</source>
        <translation>该单元未通过此配置的 PRETEST</translation>
    </message>
    <message>
        <source>the server does not answer</source>
        <translation>服务器无应答</translation>
    </message>
    <message>
        <source>the gateway does not answer</source>
        <translation>网关无应答</translation>
    </message>
    <message>
        <source>node %1 is already provisioned and locked</source>
        <comment>%1: node ID</comment>
        <translation>节点 %1 已完成配置并已锁定</translation>
    </message>
</context>
<context>
    <name>OperatorAction</name>
    <message>
        <source>press Retry</source>
        <translation>请按“重试”</translation>
    </message>
    <message>
        <source>re-seat the device (connector, cable, power), then press Retry</source>
        <translation>重新安装设备（连接器、线缆、电源），然后按“重试”</translation>
    </message>
    <message>
        <source>re-scan the label; if it still does not match, set the unit aside</source>
        <translation>重新扫描标签；如果仍不匹配，请将该单元放到一边</translation>
    </message>
    <message>
        <source>reject the unit: press Reject</source>
        <translation>报废该单元：请按“拒收”</translation>
    </message>
    <message>
        <source>press Retry once; if it fails again, reject the unit</source>
        <translation>按一次“重试”；如果再次失败，请报废该单元</translation>
    </message>
    <message>
        <source>call the supervisor</source>
        <translation>请联系主管</translation>
    </message>
    <message>
        <source>set the unit aside and call the supervisor: this slot is set up for another product</source>
        <translation>请将该单元放到一边并联系主管：此工位配置的是另一种产品</translation>
    </message>
    <message>
        <source>re-seat the eMCM in the meter and check that the meter is powered, then press Retry</source>
        <translation>将 eMCM 重新插入电表并确认电表已通电，然后按“重试”</translation>
    </message>
    <message>
        <source>check that the access point is on and the antenna connected, then press Retry</source>
        <translation>请确认接入点已开启且天线已连接，然后按“重试”</translation>
    </message>
    <message>
        <source>take the unit out: it is done; only a supervisor may provision it again (Provision again)</source>
        <translation>取出该单元：它已完成；只有主管可以重新配置（重新配置）</translation>
    </message>
</context>
<context>
    <name>ResultCode</name>
    <message>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>internal software error</source>
        <translation>软件内部错误</translation>
    </message>
    <message>
        <source>invalid command-line arguments</source>
        <translation>命令行参数无效</translation>
    </message>
    <message>
        <source>cannot communicate with the device under test</source>
        <translation>无法与被测设备通信</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>message to node failed</source>
        <translation>发送到节点的消息失败</translation>
    </message>
    <message>
        <source>node returned unexpected error</source>
        <translation>节点返回了意外错误</translation>
    </message>
    <message>
        <source>verification of node provisioning failed</source>
        <translation>节点配置验证失败</translation>
    </message>
    <message>
        <source>node version incompatible with this provisioning version</source>
        <translation>节点版本与当前配置版本不兼容</translation>
    </message>
    <message>
        <source>node hardware type incompatible</source>
        <translation>节点硬件类型不兼容</translation>
    </message>
    <message>
        <source>node calibration information incompatible</source>
        <translation>节点校准信息不兼容</translation>
    </message>
    <message>
        <source>node configuration information incompatible</source>
        <translation>节点配置信息不兼容</translation>
    </message>
    <message>
        <source>node firmware from server unavailable or does not match node type</source>
        <translation>服务器上的节点固件不可用或与节点类型不匹配</translation>
    </message>
    <message>
        <source>node configuration from server unavailable or invalid</source>
        <translation>服务器上的节点配置不可用或无效</translation>
    </message>
    <message>
        <source>cannot communicate with the host (eMCM)</source>
        <translation>无法与主机（eMCM）通信</translation>
    </message>
    <message>
        <source>host returned unexpected error</source>
        <translation>主机返回了意外错误</translation>
    </message>
    <message>
        <source>verification of host provisioning failed</source>
        <translation>主机配置验证失败</translation>
    </message>
    <message>
        <source>host reported failing or invalid hardware</source>
        <translation>主机报告硬件故障或无效</translation>
    </message>
    <message>
        <source>host firmware from server unavailable or does not match host type</source>
        <translation>服务器上的主机固件不可用或与主机类型不匹配</translation>
    </message>
    <message>
        <source>host configuration from server unavailable or invalid</source>
        <translation>服务器上的主机配置不可用或无效</translation>
    </message>
    <message>
        <source>server unreachable</source>
        <translation>无法连接服务器</translation>
    </message>
    <message>
        <source>server returned an error response</source>
        <translation>服务器返回了错误响应</translation>
    </message>
    <message>
        <source>server response invalid, or file hash/signature mismatch</source>
        <translation>服务器响应无效，或文件哈希/签名不匹配</translation>
    </message>
    <message>
        <source>cannot open a file from the server</source>
        <translation>无法打开来自服务器的文件</translation>
    </message>
    <message>
        <source>gateway unreachable</source>
        <translation>无法连接网关</translation>
    </message>
    <message>
        <source>gateway returned unexpected error</source>
        <translation>网关返回了意外错误</translation>
    </message>
    <message>
        <source>device did not join the gateway</source>
        <translation>设备未加入网关</translation>
    </message>
    <message>
        <source>application link failure (eMCM cannot talk to the meter)</source>
        <translation>应用链路故障（eMCM 无法与电表通信）</translation>
    </message>
</context>
<context>
    <name>ScanClassifier</name>
    <message>
        <source>scan pattern "%1" has no kind</source>
        <translation>扫码规则“%1”没有类型</translation>
    </message>
    <message>
        <source>scan pattern "%1" for %2 is invalid: %3 at %4</source>
        <translation>%2 的扫码规则“%1”无效：%3（位置 %4）</translation>
    </message>
</context>
<context>
    <name>ScanKind</name>
    <message>
        <source>slot label</source>
        <translation>工位标签</translation>
    </message>
    <message>
        <source>eMCM ID</source>
        <translation>eMCM ID</translation>
    </message>
    <message>
        <source>meter serial</source>
        <translation>电表序列号</translation>
    </message>
    <message>
        <source>configuration alias</source>
        <translation>配置别名</translation>
    </message>
    <message>
        <source>batch number</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>unknown barcode</source>
        <translation>未知条码</translation>
    </message>
</context>
<context>
    <name>SlotBinding</name>
    <message>
        <source>USB serial %1</source>
        <translation>USB 序列号 %1</translation>
    </message>
    <message>
        <source>USB socket %1</source>
        <translation>USB 接口 %1</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <source>not bound</source>
        <translation>未绑定</translation>
    </message>
</context>
<context>
    <name>SlotRunOptions</name>
    <message>
        <source>skip lock</source>
        <translation>不锁定</translation>
    </message>
    <message>
        <source>skip keys</source>
        <translation>不写密钥</translation>
    </message>
    <message>
        <source>factory configuration</source>
        <translation>工厂配置</translation>
    </message>
    <message>
        <source>join timeout %1 s</source>
        <translation>入网超时 %1 秒</translation>
    </message>
</context>
<context>
    <name>SlotStatus</name>
    <message>
        <source>IDLE</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>NEEDS ATTENTION</source>
        <translation>需要处理</translation>
    </message>
</context>
<context>
    <name>StepName</name>
    <message>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <source>loading the configuration</source>
        <translation>正在加载配置</translation>
    </message>
    <message>
        <source>reading the node</source>
        <translation>正在读取节点</translation>
    </message>
    <message>
        <source>checking the node type</source>
        <translation>正在检查节点类型</translation>
    </message>
    <message>
        <source>reading the eMCM</source>
        <translation>正在读取 eMCM</translation>
    </message>
    <message>
        <source>checking the label</source>
        <translation>正在核对标签</translation>
    </message>
    <message>
        <source>updating the node firmware</source>
        <translation>正在更新节点固件</translation>
    </message>
    <message>
        <source>updating the eMCM firmware</source>
        <translation>正在更新 eMCM 固件</translation>
    </message>
    <message>
        <source>writing the factory configuration</source>
        <translation>正在写入出厂配置</translation>
    </message>
    <message>
        <source>writing the field configuration</source>
        <translation>正在写入现场配置</translation>
    </message>
    <message>
        <source>preparing the gateway</source>
        <translation>正在准备网关</translation>
    </message>
    <message>
        <source>checking the earlier test</source>
        <translation>正在检查之前的测试</translation>
    </message>
    <message>
        <source>waiting for the node to join the gateway</source>
        <translation>正在等待节点加入网关</translation>
    </message>
    <message>
        <source>making the keys</source>
        <translation>正在生成密钥</translation>
    </message>
    <message>
        <source>writing the keys</source>
        <translation>正在写入密钥</translation>
    </message>
    <message>
        <source>checking the keys</source>
        <translation>正在校验密钥</translation>
    </message>
    <message>
        <source>storing the keys on the server</source>
        <translation>正在将密钥存储到服务器</translation>
    </message>
    <message>
        <source>checking what was written</source>
        <translation>正在检查写入内容</translation>
    </message>
    <message>
        <source>locking the device</source>
        <translation>正在锁定设备</translation>
    </message>
    <message>
        <source>checking the meter link</source>
        <translation>正在检查电表链路</translation>
    </message>
</context>
<context>
    <name>UserSession</name>
    <message>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>station</source>
        <translation>工作站</translation>
    </message>
</context>
<context>
    <name>prov::engine::RunModel</name>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>工序</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Node ID</source>
        <translation>节点 ID</translation>
    </message>
    <message>
        <source>eMCM ID</source>
        <translation>eMCM ID</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>prov::gui::ApiClient</name>
    <message>
        <source>server %1 unreachable: %2</source>
        <translation>无法连接服务器 %1：%2</translation>
    </message>
    <message>
        <source>server %1 sent invalid JSON: %2</source>
        <translation>服务器 %1 发送了无效的 JSON：%2</translation>
    </message>
    <message>
        <source>server %1 answered HTTP %2</source>
        <translation>服务器 %1 返回 HTTP %2</translation>
    </message>
    <message>
        <source>the server settings are invalid: %1</source>
        <translation>服务器设置无效：%1</translation>
    </message>
    <message>
        <source>server %1 presented the TLS key %2, which matches none of the pinned keys: it is not the server this station trusts</source>
        <translation>服务器 %1 出示的 TLS 密钥 %2 与任何已固定的密钥都不匹配：它不是本工作站信任的服务器</translation>
    </message>
</context>
<context>
    <name>prov::gui::AuditPage</name>
    <message>
        <source>Newest entries:</source>
        <translation>最新条目：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Verify the chain</source>
        <translation>校验链</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Cannot read the audit log: %1</source>
        <translation>无法读取审计日志：%1</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <source>Cannot verify the audit log: %1</source>
        <translation>无法校验审计日志：%1</translation>
    </message>
    <message numerus="yes">
        <source>✔ The audit chain is intact (%n entries).</source>
        <translation><numerusform>✔ 审计链完整（%n 条记录）。</numerusform></translation>
    </message>
    <message>
        <source>✖ The audit chain is BROKEN: %1</source>
        <translation>✖ 审计链已损坏：%1</translation>
    </message>
</context>
<context>
    <name>prov::gui::ConnectDialog</name>
    <message>
        <source>Connect to server</source>
        <translation>连接到服务器</translation>
    </message>
    <message>
        <source>Type the server's address and the pairing code the server's admin gives you (server mode: Stations, Pair a station…). The code is valid for 15 minutes and pairs one station.</source>
        <translation>请输入服务器地址和服务器管理员提供的配对码（服务器模式：工作站，配对工作站…）。配对码 15 分钟内有效，只能配对一个工作站。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>配对码</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Type the server's address, for example backroom:8085.</source>
        <translation>请输入服务器地址，例如 backroom:8085。</translation>
    </message>
    <message>
        <source>Pairing needs an encrypted connection: type the address without http:// (https is used).</source>
        <translation>配对需要加密连接：请输入不带 http:// 的地址（将使用 https）。</translation>
    </message>
    <message>
        <source>"%1" is not a server address: type the server's name or IP address, with :PORT when it is not %2 (for example backroom or 192.168.1.20:8085).</source>
        <translation>“%1”不是服务器地址：请输入服务器的名称或 IP 地址，端口不是 %2 时加上 :端口（例如 backroom 或 192.168.1.20:8085）。</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>详细信息：%1</translation>
    </message>
    <message>
        <source>The code is mistyped: compare it with the code the server shows, character by character.</source>
        <translation>配对码输入有误：请与服务器显示的配对码逐字核对。</translation>
    </message>
    <message>
        <source>A pairing code has 10 characters, like 7KQ4-M9XD-2R: check that you typed all of it.</source>
        <translation>配对码有 10 个字符，例如 7KQ4-M9XD-2R：请确认已完整输入。</translation>
    </message>
    <message>
        <source>This is not a pairing code: it has only digits and the letters A to Z, like 7KQ4-M9XD-2R.</source>
        <translation>这不是配对码：配对码只包含数字和字母 A 到 Z，例如 7KQ4-M9XD-2R。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Storing the pairing…</source>
        <translation>正在保存配对信息…</translation>
    </message>
    <message>
        <source>Pairing cancelled. If the server had already answered, this code may now be void: ask the admin for a new one.</source>
        <translation>配对已取消。如果服务器已经应答，此配对码可能已作废：请向管理员索取新的配对码。</translation>
    </message>
    <message>
        <source>Ask the server's admin for a new code.</source>
        <translation>请向服务器管理员索取新的配对码。</translation>
    </message>
    <message>
        <source>The station cannot reach a server at %1 over an encrypted connection. Check the address and the port, that the server is running with its TLS certificate, and the network.</source>
        <translation>工作站无法通过加密连接访问 %1 上的服务器。请检查地址和端口、服务器是否已使用其 TLS 证书运行，以及网络。</translation>
    </message>
    <message>
        <source>The server at %1 could not prove that it knows this code: it is not the server that made the code, or a machine between the station and the server answers in its place. Nothing secret was sent. Check the address; %2</source>
        <translation>%1 上的服务器无法证明它知道此配对码：它不是生成该配对码的服务器，或者工作站与服务器之间有另一台机器在冒充它应答。没有发送任何机密信息。请检查地址；%2</translation>
    </message>
    <message>
        <source>The server at %1 has no such code. Check the code and the address.</source>
        <translation>%1 上的服务器没有此配对码。请检查配对码和地址。</translation>
    </message>
    <message>
        <source>A machine between the station and the server answers in the server's place (the server does not know the key the station sees). Nothing was paired and the code is still valid: connect the station to the server's network directly, or ask the network's administrator.</source>
        <translation>工作站与服务器之间有另一台机器在冒充服务器应答（服务器不认识工作站看到的密钥）。未进行任何配对，配对码仍然有效：请将工作站直接连接到服务器所在的网络，或咨询网络管理员。</translation>
    </message>
    <message>
        <source>This code was already used to pair a station.</source>
        <translation>此配对码已用于配对一个工作站。</translation>
    </message>
    <message>
        <source>This code has expired (codes are valid for 15 minutes).</source>
        <translation>此配对码已过期（配对码有效期为 15 分钟）。</translation>
    </message>
    <message>
        <source>This code is void: an earlier pairing attempt with it did not finish.</source>
        <translation>此配对码已作废：之前使用它的一次配对尝试没有完成。</translation>
    </message>
    <message>
        <source>The server did not accept the station's answer. Try once more; after three tries the code is void.</source>
        <translation>服务器不接受工作站的应答。请再试一次；三次尝试后配对码将作废。</translation>
    </message>
    <message>
        <source>Too many pairing attempts from this station: wait a few minutes, then try again.</source>
        <translation>此工作站的配对尝试次数过多：请等待几分钟后再试。</translation>
    </message>
    <message>
        <source>The server refused the pairing.</source>
        <translation>服务器拒绝了配对。</translation>
    </message>
    <message>
        <source>The station is paired, but its token cannot be stored. Pair again with a new code once this is fixed.</source>
        <translation>工作站已配对，但无法保存其令牌。问题解决后，请使用新的配对码重新配对。</translation>
    </message>
    <message>
        <source>The station is paired, but the server's address cannot be stored. Pair again with a new code once this is fixed.</source>
        <translation>工作站已配对，但无法保存服务器地址。问题解决后，请使用新的配对码重新配对。</translation>
    </message>
    <message>
        <source>Connected: this station is paired as %1 with %2 (server key %3).</source>
        <translation>已连接：本工作站已作为 %1 与 %2 配对（服务器密钥 %3）。</translation>
    </message>
    <message>
        <source>No OS keychain (%1): the station token is stored in the file %2, which only this user can read. Anyone logged in as this user can use it.</source>
        <translation>没有系统钥匙串（%1）：工作站令牌保存在文件 %2 中，只有当前用户可以读取。任何以该用户身份登录的人都可以使用它。</translation>
    </message>
    <message>
        <source>The station token is stored in the OS keychain.</source>
        <translation>工作站令牌已保存在系统钥匙串中。</translation>
    </message>
</context>
<context>
    <name>prov::gui::DeviceSelection</name>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>until (not including)</source>
        <translation>到（不含）</translation>
    </message>
    <message>
        <source>all, or e.g. 1000,1002-1005</source>
        <translation>全部，或例如 1000,1002-1005</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Pick a configuration.</source>
        <translation>请选择配置。</translation>
    </message>
    <message>
        <source>Batches: %1</source>
        <translation>批次：%1</translation>
    </message>
</context>
<context>
    <name>prov::gui::EngineSlotModel</name>
    <message>
        <source>Stopped by the operator: check the device, then start it again.</source>
        <translation>已由操作员停止：请检查设备，然后重新开始。</translation>
    </message>
</context>
<context>
    <name>prov::gui::ExportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export device keys</source>
        <translation>导出设备密钥</translation>
    </message>
    <message>
        <source>all, or hex e.g. 0x00010000-0x0001FFFF</source>
        <translation>全部，或十六进制例如 0x00010000-0x0001FFFF</translation>
    </message>
    <message>
        <source>Node IDs</source>
        <translation>节点 ID</translation>
    </message>
    <message>
        <source>Provisioned</source>
        <translation>配置时间</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Save device keys</source>
        <translation>保存设备密钥</translation>
    </message>
    <message>
        <source>XML (*.xml)</source>
        <translation>XML (*.xml)</translation>
    </message>
    <message>
        <source>Node IDs: %1</source>
        <translation>节点 ID：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) exported to %1.</source>
        <translation><numerusform>已导出 %n 台设备到 %1。</numerusform></translation>
    </message>
    <message>
        <source>%1 of %2 devices</source>
        <translation>%1 / %2 台设备</translation>
    </message>
    <message>
        <source>%1 devices, %2 kB</source>
        <translation>%1 台设备，%2 kB</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) left out: their latest provisioning did not finish (pending or failed), so no key of theirs is exported. Provision them again:</source>
        <translation><numerusform>已略过 %n 个节点：其最近一次配置未完成（待定或失败），因此不导出其任何密钥。请重新配置它们：</numerusform></translation>
    </message>
</context>
<context>
    <name>prov::gui::FileDownload</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>prov::gui::HeaderBar</name>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>工序</translation>
    </message>
    <message>
        <source>scan or type</source>
        <translation>扫码或输入</translation>
    </message>
    <message>
        <source>pick or scan</source>
        <translation>选择或扫码</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>○ Server: connecting…</source>
        <translation>○ 服务器：正在连接…</translation>
    </message>
    <message>
        <source>● Server connected</source>
        <translation>● 服务器已连接</translation>
    </message>
    <message>
        <source>✖ Server unreachable</source>
        <translation>✖ 无法连接服务器</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n pending</source>
        <translation><numerusform>发件箱：%n 条待发送</numerusform></translation>
    </message>
    <message>
        <source>Shift: %1 passed · %2 failed
FPY %3 · %4 units/h</source>
        <translation>本班：通过 %1 · 失败 %2
直通率 %3 · %4 台/小时</translation>
    </message>
    <message>
        <source>Shift: %1 passed · %2 failed
FPY %3 · %4 units/h · counted here</source>
        <translation>班次：%1 通过 · %2 失败
直通率 %3 · %4 件/小时 · 本站计数</translation>
    </message>
    <message>
        <source>The server's figures for this shift are not available: these are this window's own count since it started or since the last new shift.</source>
        <translation>无法获得服务器上本班次的数据：这是本窗口自启动或上次新班次以来自己的计数。</translation>
    </message>
    <message>
        <source>The server's figures for this station's current shift (the same as yield in server mode).</source>
        <translation>服务器上本工作站当前班次的数据（与服务器模式中的良率相同）。</translation>
    </message>
    <message>
        <source>Operator (%1)</source>
        <translation>操作员（%1）</translation>
    </message>
    <message>
        <source>nobody</source>
        <extracomment>the operator field of the header when no one is logged in (beside the Log in button)</extracomment>
        <translation>未登录</translation>
    </message>
</context>
<context>
    <name>prov::gui::HistoryPage</name>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Node ID, eMCM ID or its last 8 digits, meter serial or a scanned label</source>
        <translation>节点 ID、eMCM ID 或其最后 8 位、电表序列号或扫描的标签</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Runs, oldest first</source>
        <translation>运行记录（最早的在前）</translation>
    </message>
    <message>
        <source>Log of the selected run</source>
        <translation>所选运行的日志</translation>
    </message>
    <message>
        <source>Key records</source>
        <translation>密钥记录</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>审计条目</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>工序</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>工位</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Failed step</source>
        <translation>失败的步骤</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Enter a node ID, an eMCM ID, a meter serial or a scanned label.</source>
        <translation>请输入节点 ID、eMCM ID、电表序列号或扫描的标签。</translation>
    </message>
    <message>
        <source>An identity with '/' cannot be looked up: enter the node ID, eMCM ID or meter serial.</source>
        <translation>无法查找包含 '/' 的标识：请输入节点 ID、eMCM ID 或电表序列号。</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>正在查找 %1…</translation>
    </message>
    <message>
        <source>No run and no key record names %1.</source>
        <translation>没有任何运行或密钥记录涉及 %1。</translation>
    </message>
    <message>
        <source>Cannot read the history of %1: %2</source>
        <translation>无法读取 %1 的历史记录：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation><numerusform>%n 次运行</numerusform></translation>
    </message>
    <message>
        <source>Node ID</source>
        <translation>节点 ID</translation>
    </message>
    <message>
        <source>eMCM ID</source>
        <translation>eMCM ID</translation>
    </message>
    <message>
        <source>Meter serial</source>
        <translation>电表序列号</translation>
    </message>
    <message>
        <source>Label %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>Loading the log…</source>
        <translation>正在加载日志…</translation>
    </message>
    <message>
        <source>Cannot read the log of run %1: %2</source>
        <translation>无法读取运行 %1 的日志：%2</translation>
    </message>
    <message>
        <source>This run was sent without a log.</source>
        <translation>此运行发送时没有附带日志。</translation>
    </message>
    <message>
        <source>node %1 · host %2</source>
        <translation>节点 %1 · 主机 %2</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <source>Station fault: %1</source>
        <translation>工作站故障：%1</translation>
    </message>
    <message>
        <source>%1 · rejected by %2</source>
        <translation>%1 · 已由 %2 拒收</translation>
    </message>
</context>
<context>
    <name>prov::gui::ImportDialog</name>
    <message>
        <source>Configuration ID</source>
        <translation>配置 ID</translation>
    </message>
    <message>
        <source>App label</source>
        <translation>应用标签</translation>
    </message>
    <message>
        <source>Node type</source>
        <translation>节点类型</translation>
    </message>
    <message>
        <source>Node version</source>
        <translation>节点版本</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>KMS key</source>
        <translation>KMS 密钥</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>修订版</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Import a provisioning package</source>
        <translation>导入配置包</translation>
    </message>
    <message>
        <source>Package (.tar.gz)</source>
        <translation>配置包（.tar.gz）</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Provisioning package</source>
        <translation>配置包</translation>
    </message>
    <message>
        <source>Packages (*.tar.gz *.tgz);;All files (*)</source>
        <translation>配置包 (*.tar.gz *.tgz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The package file %1 does not exist.</source>
        <translation>配置包文件 %1 不存在。</translation>
    </message>
    <message>
        <source>Enter the package's passphrase.</source>
        <translation>请输入配置包的口令。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Verified: check the information above, then Import.</source>
        <translation>已校验：请核对上面的信息，然后点击“导入”。</translation>
    </message>
    <message>
        <source>Imported (HTTP %1).</source>
        <translation>已导入（HTTP %1）。</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>prov::gui::LoginDialog</name>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The server's answer has no session token.</source>
        <translation>服务器的响应中没有会话令牌。</translation>
    </message>
    <message>
        <source>Connect to server…</source>
        <translation>连接到服务器…</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>Scan your badge, or enter user and password</source>
        <translation>扫描工牌，或输入用户名和密码</translation>
    </message>
    <message>
        <source>Scan your badge, or enter your user name and password.</source>
        <translation>请扫描工牌，或输入用户名和密码。</translation>
    </message>
</context>
<context>
    <name>prov::gui::PackagesPage</name>
    <message>
        <source>Import package…</source>
        <translation>导入配置包…</translation>
    </message>
    <message>
        <source>Export keys…</source>
        <translation>导出密钥…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Configuration ID</source>
        <translation>配置 ID</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>修订版</translation>
    </message>
    <message>
        <source>Node type</source>
        <translation>节点类型</translation>
    </message>
    <message>
        <source>Node version</source>
        <translation>节点版本</translation>
    </message>
    <message>
        <source>App label</source>
        <translation>应用标签</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Cannot list the packages: %1</source>
        <translation>无法列出配置包：%1</translation>
    </message>
    <message>
        <source>%1 (newest)</source>
        <translation>%1（最新）</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>由 %1 导入</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation><numerusform>%n 个修订版</numerusform></translation>
    </message>
    <message>
        <source>Device report…</source>
        <translation>设备报告…</translation>
    </message>
</context>
<context>
    <name>prov::gui::PairStationDialog</name>
    <message>
        <source>Pair a station</source>
        <translation>配对工作站</translation>
    </message>
    <message>
        <source>A one-time code lets a station connect to this server: the station's user types the server's address and the code in Connect to server… on the station. The code is valid for 15 minutes and pairs one station.</source>
        <translation>一次性配对码可让工作站连接到本服务器：工作站用户在工作站的“连接到服务器…”中输入服务器地址和配对码。配对码 15 分钟内有效，只能配对一个工作站。</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>Create code</source>
        <translation>生成配对码</translation>
    </message>
    <message>
        <source>Create another code</source>
        <translation>再生成一个配对码</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制配对码</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Server address to type on the station:</source>
        <translation>需在工作站上输入的服务器地址：</translation>
    </message>
    <message>
        <source>Pairing code for station %1:</source>
        <translation>工作站 %1 的配对码：</translation>
    </message>
    <message>
        <source>On a station without the window: provstation-cli pair https://%1 %2</source>
        <translation>在没有窗口界面的工作站上：provstation-cli pair https://%1 %2</translation>
    </message>
    <message>
        <source>This server speaks plain HTTP, so stations cannot pair with it: start it with --tls-cert and --tls-key.</source>
        <translation>此服务器使用未加密的 HTTP，工作站无法与其配对：请使用 --tls-cert 和 --tls-key 启动它。</translation>
    </message>
    <message>
        <source>Server key: %1 (the station shows the key it paired with; they must be the same).</source>
        <translation>服务器密钥：%1（工作站会显示它配对时使用的密钥；两者必须相同）。</translation>
    </message>
    <message>
        <source>Type the station's name, for example line1-st3.</source>
        <translation>请输入工作站名称，例如 line1-st3。</translation>
    </message>
    <message>
        <source>"%1" is not a station name: use letters, digits and . _ @ : - (starting with a letter or digit), up to 64 characters.</source>
        <translation>“%1”不是有效的工作站名称：请使用字母、数字和 . _ @ : -（以字母或数字开头），最多 64 个字符。</translation>
    </message>
    <message>
        <source>Cannot create a pairing code: %1</source>
        <translation>无法生成配对码：%1</translation>
    </message>
    <message>
        <source>This code expired at %1: create another one.</source>
        <translation>此配对码已于 %1 过期：请再生成一个。</translation>
    </message>
    <message>
        <source>Valid until %1 (%2 left), for one station.</source>
        <translation>有效期至 %1（剩余 %2），仅限一个工作站。</translation>
    </message>
</context>
<context>
    <name>prov::gui::ReportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Device report</source>
        <translation>设备报告</translation>
    </message>
    <message>
        <source>Runs started</source>
        <translation>运行开始时间</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Save the device report</source>
        <translation>保存设备报告</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot list the report templates: %1</source>
        <translation>无法列出报告模板：%1</translation>
    </message>
    <message>
        <source>All fields</source>
        <translation>所有字段</translation>
    </message>
    <message>
        <source>This template cannot be used: %1</source>
        <translation>此模板无法使用：%1</translation>
    </message>
    <message>
        <source>Columns: %1 (devices whose last run passed)</source>
        <translation>列：%1（最后一次运行通过的设备）</translation>
    </message>
    <message>
        <source>Columns: %1</source>
        <translation>列：%1</translation>
    </message>
    <message>
        <source>The template needs a value for %1.</source>
        <translation>该模板需要 %1 的值。</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) written to %1.</source>
        <translation><numerusform>已将 %n 台设备写入 %1。</numerusform></translation>
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
        <translation>无法打开运行日志 %1：%2</translation>
    </message>
</context>
<context>
    <name>prov::gui::ScanRouter</name>
    <message>
        <source>already provisioned in this batch</source>
        <translation>本批次中已配置过</translation>
    </message>
    <message>
        <source>Barcode "%1" is not a slot, device, configuration or batch label</source>
        <translation>条码“%1”不是工位、设备、配置或批次标签</translation>
    </message>
    <message>
        <source>Barcode "%1" is not valid</source>
        <translation>条码“%1”无效</translation>
    </message>
    <message>
        <source>Barcode "%1" is a duplicate</source>
        <translation>条码“%1”重复</translation>
    </message>
    <message>
        <source>Slot is running: barcode "%1" refused</source>
        <translation>工位正在运行：条码“%1”被拒绝</translation>
    </message>
    <message>
        <source>No free slot for barcode "%1": scan a slot label first</source>
        <translation>没有空闲工位可接收条码“%1”：请先扫描工位标签</translation>
    </message>
    <message>
        <source>No slot is labelled "%1"</source>
        <translation>没有标签为“%1”的工位</translation>
    </message>
    <message>
        <source>already waiting in slot %1</source>
        <translation>已在工位 %1 等待</translation>
    </message>
</context>
<context>
    <name>prov::gui::SecretStore</name>
    <message>
        <source>the keychain did not answer within %1 s</source>
        <translation>钥匙串在 %1 秒内没有响应</translation>
    </message>
    <message>
        <source>PROVSTATION_SECRETS=file selects the file store</source>
        <translation>PROVSTATION_SECRETS=file 选择了文件存储</translation>
    </message>
    <message>
        <source>no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)</source>
        <translation>没有 D-Bus 会话总线（未设置 DBUS_SESSION_BUS_ADDRESS）</translation>
    </message>
    <message>
        <source>cannot read secret file %1: %2</source>
        <translation>无法读取密钥文件 %1：%2</translation>
    </message>
    <message>
        <source>cannot write secret file %1: %2</source>
        <translation>无法写入密钥文件 %1：%2</translation>
    </message>
    <message>
        <source>cannot remove secret file %1: %2</source>
        <translation>无法删除密钥文件 %1：%2</translation>
    </message>
    <message>
        <source>the keychain refused access to %1: %2</source>
        <translation>钥匙串拒绝访问 %1：%2</translation>
    </message>
    <message>
        <source>the keychain refused to store %1: %2</source>
        <translation>钥匙串拒绝保存 %1：%2</translation>
    </message>
    <message>
        <source>the keychain refused to remove %1: %2</source>
        <translation>钥匙串拒绝删除 %1：%2</translation>
    </message>
</context>
<context>
    <name>prov::gui::SerialScannerReader</name>
    <message>
        <source>scanner port %1 is in use</source>
        <translation>扫码枪端口 %1 正被占用</translation>
    </message>
    <message>
        <source>cannot open scanner port %1: %2</source>
        <translation>无法打开扫码枪端口 %1：%2</translation>
    </message>
    <message>
        <source>scanner port %1 failed: %2</source>
        <translation>扫码枪端口 %1 出错：%2</translation>
    </message>
</context>
<context>
    <name>prov::gui::ServerModeWindow</name>
    <message>
        <source>ProvStation — server mode</source>
        <translation>ProvStation — 服务器模式</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>配置包</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Server output</source>
        <translation>服务器输出</translation>
    </message>
    <message>
        <source>● Server mode at %1 — %2</source>
        <translation>● 服务器模式 %1 — %2</translation>
    </message>
    <message>
        <source>✖ Server mode at %1 not answering: %2</source>
        <translation>✖ 服务器模式 %1 无响应：%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>%1, version %2, database %3</source>
        <translation>%1，版本 %2，数据库 %3</translation>
    </message>
    <message>
        <source>Create the first admin</source>
        <translation>创建第一个管理员</translation>
    </message>
    <message>
        <source>This server has no admin yet. Create the first one; more users can be added afterwards on the Users page.</source>
        <translation>此服务器还没有管理员。请创建第一个管理员；之后可在“用户”页面添加更多用户。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Enter a user name and a password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Yield</source>
        <translation>良率</translation>
    </message>
    <message>
        <source>Server mode needs an admin or supervisor login.</source>
        <translation>服务器模式需要管理员或主管登录。</translation>
    </message>
    <message>
        <source>%1 is neither an admin nor a supervisor.</source>
        <translation>%1 既不是管理员也不是主管。</translation>
    </message>
</context>
<context>
    <name>prov::gui::ServerProcess</name>
    <message>
        <source>cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>the server process crashed</source>
        <translation>服务器进程崩溃</translation>
    </message>
    <message>
        <source>the server process exited with code %1: %2</source>
        <translation>服务器进程以代码 %1 退出：%2</translation>
    </message>
</context>
<context>
    <name>prov::gui::SettingsDialog</name>
    <message>
        <source>Station settings</source>
        <translation>工作站设置</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Slots</source>
        <translation>工位</translation>
    </message>
    <message>
        <source>Meter plugins</source>
        <translation>电表插件</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>扫码</translation>
    </message>
    <message>
        <source>Language and sounds</source>
        <translation>语言和声音</translation>
    </message>
    <message>
        <source>leave empty to keep the stored token</source>
        <translation>留空则保留已保存的令牌</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Certificate pins</source>
        <translation>证书固定值</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>Factory gateway</source>
        <translation>工厂网关</translation>
    </message>
    <message>
        <source>Gateway control port</source>
        <translation>网关控制端口</translation>
    </message>
    <message>
        <source>Station token</source>
        <translation>工作站令牌</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Bound by</source>
        <translation>绑定方式</translation>
    </message>
    <message>
        <source>Serial number / socket / port</source>
        <translation>序列号 / 接口 / 端口</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>电表</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>工序</translation>
    </message>
    <message>
        <source>Found at</source>
        <translation>当前位置</translation>
    </message>
    <message>
        <source>Add slot</source>
        <translation>添加工位</translation>
    </message>
    <message>
        <source>Remove slot</source>
        <translation>删除工位</translation>
    </message>
    <message>
        <source>Serial ports present</source>
        <translation>当前串口</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>USB serial number</source>
        <translation>USB 序列号</translation>
    </message>
    <message>
        <source>USB socket</source>
        <translation>USB 接口</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Bind selected slot by serial number</source>
        <translation>按序列号绑定所选工位</translation>
    </message>
    <message>
        <source>Bind selected slot by USB socket</source>
        <translation>按 USB 接口绑定所选工位</translation>
    </message>
    <message>
        <source>Bind selected slot by port name</source>
        <translation>按端口名称绑定所选工位</translation>
    </message>
    <message>
        <source>Bind by USB serial number (or by the USB socket) so a re-plugged adapter comes back to its slot; ttyUSB/COM numbers change with the plug-in order.</source>
        <translation>请按 USB 序列号（或 USB 接口）绑定，这样重新插拔的适配器会回到原工位；ttyUSB/COM 编号会随插入顺序变化。</translation>
    </message>
    <message>
        <source>No meter plugins are loaded.</source>
        <translation>未加载电表插件。</translation>
    </message>
    <message>
        <source>This plugin has no settings.</source>
        <translation>此插件没有设置项。</translation>
    </message>
    <message>
        <source>kept in the keychain; leave empty to keep it</source>
        <translation>保存在钥匙串中；留空则保留</translation>
    </message>
    <message>
        <source>What a barcode is (first matching pattern wins)</source>
        <translation>条码类型（按第一个匹配的规则）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Pattern (regular expression, whole text)</source>
        <translation>规则（正则表达式，匹配整个文本）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>scan or type a barcode to test the patterns</source>
        <translation>扫描或输入条码以测试规则</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Start a slot as soon as its device is scanned</source>
        <translation>扫描设备后立即启动工位</translation>
    </message>
    <message>
        <source>Operators may change the configuration, batch and operation</source>
        <translation>操作员可以更改配置、批次和工序</translation>
    </message>
    <message>
        <source>Keyboard scanner: longest gap between keys</source>
        <translation>键盘式扫码枪：按键最大间隔</translation>
    </message>
    <message>
        <source>Keyboard scanner: shortest barcode</source>
        <translation>键盘式扫码枪：最短条码长度</translation>
    </message>
    <message>
        <source>Serial scanner port (empty: none)</source>
        <translation>串口扫码枪端口（留空表示无）</translation>
    </message>
    <message>
        <source>Serial scanner baud rate</source>
        <translation>串口扫码枪波特率</translation>
    </message>
    <message>
        <source>Play pass, fail and reject sounds</source>
        <translation>播放通过、失败和拒绝提示音</translation>
    </message>
    <message>
        <source>Test sound</source>
        <translation>测试声音</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Port name</source>
        <translation>端口名称</translation>
    </message>
    <message>
        <source>Not bound</source>
        <translation>未绑定</translation>
    </message>
    <message>
        <source>(station's)</source>
        <translation>（工作站默认）</translation>
    </message>
    <message>
        <source>Select a slot and a port first.</source>
        <translation>请先选择一个工位和一个端口。</translation>
    </message>
    <message>
        <source>This adapter reports no USB serial number: bind it by USB socket instead.</source>
        <translation>此适配器没有 USB 序列号：请改为按 USB 接口绑定。</translation>
    </message>
    <message>
        <source>This port is not on USB: bind it by port name.</source>
        <translation>此端口不是 USB 端口：请按端口名称绑定。</translation>
    </message>
    <message>
        <source>Checking the keychain…</source>
        <translation>正在检查钥匙串…</translation>
    </message>
    <message>
        <source>No station token is stored yet. Issue one with: provstation-server token issue --station NAME</source>
        <translation>尚未保存工作站令牌。请用以下命令签发：provstation-server token issue --station 名称</translation>
    </message>
    <message>
        <source>A token is stored in the fallback file (no OS keychain: %1).</source>
        <translation>令牌保存在备用文件中（没有系统钥匙串：%1）。</translation>
    </message>
    <message>
        <source>A token is stored in the OS keychain.</source>
        <translation>令牌已保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>The server address "%1" is not an http or https URL.</source>
        <translation>服务器地址“%1”不是 http 或 https URL。</translation>
    </message>
    <message>
        <source>Slot %1 needs a label of its own.</source>
        <translation>工位 %1 需要一个唯一的标签。</translation>
    </message>
    <message>
        <source>Slot %1 is bound by %2 but has no value.</source>
        <translation>工位 %1 按 %2 绑定，但没有填写值。</translation>
    </message>
    <message>
        <source>One per line: sha256//&lt;base64 of the public key digest&gt;, or the certificate's SHA-256 in hex. Print them with: provstation-server tls-pin --tls-cert FILE</source>
        <translation>每行一个：sha256//&lt;公钥摘要的 base64&gt;，或证书的十六进制 SHA-256。可用以下命令打印：provstation-server tls-pin --tls-cert 文件</translation>
    </message>
    <message>
        <source>empty: the paired server, %1</source>
        <translation>留空：使用已配对的服务器 %1</translation>
    </message>
    <message>
        <source>Certificate pin "%1" is not a pin: paste sha256//BASE64 or the certificate's SHA-256 fingerprint as provstation-server tls-pin prints them.</source>
        <translation>证书固定值“%1”无效：请粘贴 provstation-server tls-pin 打印的 sha256//BASE64 或证书的 SHA-256 指纹。</translation>
    </message>
    <message>
        <source>Retries of a failed unit before the window asks to reject it</source>
        <translation>失败单元在窗口要求拒收之前可重试的次数</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Log out after no input for</source>
        <translation>无操作自动退出时间</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Run options by slot group</source>
        <translation>按槽位组的运行选项</translation>
    </message>
    <message>
        <source>A slot belongs to the group named in its Group column; slots of no group run with the station's defaults. The slots show the options that apply to them.</source>
        <translation>槽位属于其“组”列中指定的组；未分组的槽位使用工作站默认值。各槽位会显示适用于它的选项。</translation>
    </message>
    <message>
        <source>Join timeout</source>
        <translation>入网超时</translation>
    </message>
    <message>
        <source>Factory configuration</source>
        <translation>工厂配置</translation>
    </message>
    <message>
        <source>Skip keys</source>
        <translation>不写密钥</translation>
    </message>
    <message>
        <source>Skip lock</source>
        <translation>不锁定</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>station's</source>
        <translation>工作站默认</translation>
    </message>
</context>
<context>
    <name>prov::gui::SlotController</name>
    <message>
        <source>Next device scan goes to slot %1</source>
        <translation>下一个设备条码将分配给工位 %1</translation>
    </message>
    <message>
        <source>Slot not bound to a port (Settings)</source>
        <translation>工位未绑定端口（设置）</translation>
    </message>
    <message>
        <source>Port not found: %1</source>
        <translation>未找到端口：%1</translation>
    </message>
    <message>
        <source>Waiting for Start: %1</source>
        <translation>等待开始：%1</translation>
    </message>
    <message>
        <source>Take the device out, insert the next one, then press Start.</source>
        <translation>请取出设备，放入下一台，然后按“开始”。</translation>
    </message>
    <message>
        <source>Insert the device, then press Start.</source>
        <translation>请放入设备，然后按“开始”。</translation>
    </message>
    <message>
        <source>Label scanned: press Start.</source>
        <translation>标签已扫描：请按“开始”。</translation>
    </message>
    <message>
        <source>Take the device out. Next: scan this slot's label, then the new device's %1, then press Start.</source>
        <translation>请取出设备。下一步：扫描此工位的标签，再扫描新设备的%1，然后按“开始”。</translation>
    </message>
    <message>
        <source>Insert the device, scan its %1, then press Start.</source>
        <translation>请放入设备，扫描其%1，然后按“开始”。</translation>
    </message>
    <message>
        <source>%1 %2 scanned for slot %3</source>
        <translation>已为工位 %3 扫描%1 %2</translation>
    </message>
    <message>
        <source>%1 %2 scanned</source>
        <translation>已扫描%1 %2</translation>
    </message>
    <message>
        <source>Put %1 back on slot %2</source>
        <translation>将 %1 放回工位 %2</translation>
    </message>
    <message>
        <source>The slot is running: its labels cannot be put back.</source>
        <translation>该工位正在运行：无法放回其标签。</translation>
    </message>
    <message>
        <source>The labels cannot be put back: one waits on another slot or was provisioned since.</source>
        <translation>无法放回标签：其中一个正在另一个工位等待，或已被配置。</translation>
    </message>
    <message>
        <source>Only a supervisor or admin may provision a unit again.</source>
        <translation>只有主管或管理员可以重新配置单元。</translation>
    </message>
    <message>
        <source>Log in to run devices.</source>
        <translation>请登录后再运行设备。</translation>
    </message>
    <message>
        <source>The provisioning engine is not available in this build.</source>
        <translation>此版本中没有配置引擎。</translation>
    </message>
    <message>
        <source>The server cannot be reached: start again when the header says it is back.</source>
        <translation>无法连接服务器：请在标题栏显示服务器恢复后再开始。</translation>
    </message>
    <message>
        <source>This unit failed %1 times: reject it instead of retrying.</source>
        <translation>该单元已失败 %1 次：请拒收，不要再重试。</translation>
    </message>
    <message>
        <source>Pick or scan a configuration first.</source>
        <translation>请先选择或扫描配置。</translation>
    </message>
    <message>
        <source>Enter or scan the batch number first.</source>
        <translation>请先输入或扫描批次号。</translation>
    </message>
    <message>
        <source>The batch number is not valid: %1</source>
        <translation>批次号无效：%1</translation>
    </message>
    <message>
        <source>%1 cannot run %2.</source>
        <translation>%1 不能运行 %2。</translation>
    </message>
    <message>
        <source>Scan the %1 first.</source>
        <translation>请先扫描：%1。</translation>
    </message>
    <message>
        <source>The scanned %1 "%2" does not fit this meter.</source>
        <translation>扫描到的%1“%2”与此电表不符。</translation>
    </message>
    <message>
        <source>The rejection is counted but not in the run log: %1</source>
        <translation>拒收已计数，但未写入运行日志：%1</translation>
    </message>
</context>
<context>
    <name>prov::gui::SlotWidget</name>
    <message>
        <source>Slot %1</source>
        <translation>工位 %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Node %1</source>
        <translation>节点 %1</translation>
    </message>
    <message>
        <source>eMCM %1</source>
        <translation>eMCM %1</translation>
    </message>
    <message>
        <source>SN %1</source>
        <translation>序列号 %1</translation>
    </message>
    <message>
        <source>Error %1: %2</source>
        <translation>错误 %1：%2</translation>
    </message>
    <message>
        <source>Likely fixture fault: failed %1 times in a row</source>
        <translation>可能是治具故障：连续失败 %1 次</translation>
    </message>
    <message>
        <source>✓%1  ✗%2  FPY %3</source>
        <translation>✓%1  ✗%2  直通率 %3</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Open the run log</source>
        <translation>打开运行日志</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <source>rejected: put the unit in the reject bin</source>
        <translation>已拒收：请将该单元放入废品箱</translation>
    </message>
    <message>
        <source>  rejected %1</source>
        <translation>  拒收 %1</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>第 %1 步，共 %2 步：%3</translation>
    </message>
    <message>
        <source>%1 · %2 left to wait</source>
        <translation>%1 · 还需等待 %2</translation>
    </message>
    <message>
        <source>%1 · about %2 left</source>
        <translation>%1 · 约剩 %2</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Record the unit as rejected: it leaves the line</source>
        <translation>将该单元记录为拒收：它将离开产线</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>第 %1 次尝试</translation>
    </message>
    <message>
        <source>failed %1 times: reject the unit</source>
        <translation>已失败 %1 次：请拒收该单元</translation>
    </message>
    <message>
        <source>Provision again</source>
        <translation>重新配置</translation>
    </message>
    <message>
        <source>Replace the unit's key: needs a supervisor or admin login</source>
        <translation>替换该单元的密钥：需要主管或管理员登录</translation>
    </message>
    <message>
        <source>Clear label</source>
        <translation>清除标签</translation>
    </message>
    <message>
        <source>Take the scanned labels off this slot (Undo puts them back)</source>
        <translation>从此工位移除已扫描的标签（撤销可放回）</translation>
    </message>
</context>
<context>
    <name>prov::gui::StationWindow</name>
    <message>
        <source>Your session expired: log in again.</source>
        <translation>会话已过期：请重新登录。</translation>
    </message>
    <message>
        <source>No OS keychain (%1): the station keeps its secrets in files only this user can read, in %2.</source>
        <translation>没有系统钥匙串（%1）：工作站将机密保存在仅当前用户可读的文件中，位于 %2。</translation>
    </message>
    <message>
        <source>ProvStation — station %1</source>
        <translation>ProvStation — 工作站 %1</translation>
    </message>
    <message>
        <source>Start all idle</source>
        <translation>启动所有空闲工位</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>全部停止</translation>
    </message>
    <message>
        <source>Reload configurations</source>
        <translation>重新加载配置</translation>
    </message>
    <message>
        <source>New shift</source>
        <translation>新班次</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Server mode</source>
        <translation>服务器模式</translation>
    </message>
    <message>
        <source>Devices are running</source>
        <translation>设备正在运行</translation>
    </message>
    <message>
        <source>Some slots are still provisioning. Stop them and quit?</source>
        <translation>部分工位仍在配置中。要停止并退出吗？</translation>
    </message>
    <message>
        <source>The scan patterns in the settings are invalid; the defaults are used.</source>
        <translation>设置中的扫码规则无效；已使用默认规则。</translation>
    </message>
    <message>
        <source>No slots are set up yet: a supervisor binds the slots to ports in Settings.</source>
        <translation>尚未设置工位：请主管在“设置”中将工位绑定到端口。</translation>
    </message>
    <message>
        <source>Cannot load the configurations: %1</source>
        <translation>无法加载配置：%1</translation>
    </message>
    <message>
        <source>Settings need a supervisor or admin login.</source>
        <translation>更改设置需要主管或管理员登录。</translation>
    </message>
    <message>
        <source>Run log — slot %1</source>
        <translation>运行日志 — 工位 %1</translation>
    </message>
    <message>
        <source>Last scan: %1</source>
        <translation>上次扫码：%1</translation>
    </message>
    <message>
        <source>Configuration %1 scanned, but only a supervisor may change it.</source>
        <translation>已扫描配置 %1，但只有主管可以更改配置。</translation>
    </message>
    <message>
        <source>Configuration %1 selected by scan.</source>
        <translation>已通过扫码选择配置 %1。</translation>
    </message>
    <message>
        <source>Batch %1 scanned, but only a supervisor may change it.</source>
        <translation>已扫描批次 %1，但只有主管可以更改批次。</translation>
    </message>
    <message>
        <source>Batch %1 selected by scan.</source>
        <translation>已通过扫码选择批次 %1。</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Connect to server…</source>
        <translation>连接到服务器…</translation>
    </message>
    <message>
        <source>This station is not connected to a server yet: ask an admin for a pairing code, then choose Connect to server…</source>
        <translation>本工作站尚未连接到服务器：请向管理员索取配对码，然后选择“连接到服务器…”</translation>
    </message>
    <message>
        <source>Connecting to another server needs a supervisor or admin login.</source>
        <translation>连接到其他服务器需要以主管或管理员身份登录。</translation>
    </message>
    <message>
        <source>Connected to %1 as station %2: log in to start.</source>
        <translation>已作为工作站 %2 连接到 %1：请登录后开始。</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1): nothing starts until it is back.</source>
        <translation>无法连接服务器（%1）：在服务器恢复之前无法开始任何运行。</translation>
    </message>
    <message numerus="yes">
        <source>Logged out after %n minute(s) without input: log in again.</source>
        <translation><numerusform>%n 分钟无操作，已退出登录：请重新登录。</numerusform></translation>
    </message>
    <message>
        <source>Provisioning a unit again replaces its key: it needs a supervisor or admin login.</source>
        <translation>重新配置单元会替换其密钥：需要主管或管理员登录。</translation>
    </message>
    <message>
        <source>Start a new shift at station %1? The shift counts start again from zero; the server records that %2 started it.</source>
        <translation>要在工作站 %1 开始新班次吗？班次计数将从零开始；服务器会记录由 %2 开始。</translation>
    </message>
    <message>
        <source>The new shift is counted at this station only: the server did not record it (%1).</source>
        <translation>新班次仅在本工作站计数：服务器未记录（%1）。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message numerus="yes">
        <source>Nothing to undo: a cleared or replaced label can be put back for %n second(s).</source>
        <translation><numerusform>没有可撤销的操作：清除或替换的标签可在 %n 秒内放回。</numerusform></translation>
    </message>
    <message>
        <source>A new shift needs a supervisor or admin login.</source>
        <translation>开始新班次需要主管或管理员登录。</translation>
    </message>
    <message>
        <source>%1 is logged in as %2. %3</source>
        <translation>%1 以%2身份登录。%3</translation>
    </message>
</context>
<context>
    <name>prov::gui::StationsPage</name>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>发件箱</translation>
    </message>
    <message>
        <source>This server does not report stations.</source>
        <translation>此服务器不提供工作站信息。</translation>
    </message>
    <message>
        <source>Cannot list the stations: %1</source>
        <translation>无法列出工作站：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n station(s)</source>
        <translation><numerusform>%n 个工作站</numerusform></translation>
    </message>
    <message>
        <source>Stations connect to %1 (plain HTTP: no key to pin).</source>
        <translation>工作站连接到 %1（明文 HTTP：没有可固定的密钥）。</translation>
    </message>
    <message>
        <source>Stations connect to %1 — server key pin: %2</source>
        <translation>工作站连接到 %1 — 服务器密钥指纹：%2</translation>
    </message>
    <message>
        <source>Revoke station</source>
        <translation>吊销工作站</translation>
    </message>
    <message>
        <source>Revoke station %1? Its tokens stop working at once: it cannot send keys or results until it is paired again.</source>
        <translation>要吊销工作站 %1 吗？它的令牌将立即失效：在重新配对之前，它无法发送密钥或结果。</translation>
    </message>
    <message>
        <source>Pair a station…</source>
        <translation>配对工作站…</translation>
    </message>
    <message>
        <source>Revoke station…</source>
        <translation>吊销工作站…</translation>
    </message>
    <message>
        <source>Cannot revoke station %1: %2</source>
        <translation>无法吊销工作站 %1：%2</translation>
    </message>
    <message>
        <source>Station %1 is revoked: it must be paired again to reach this server.</source>
        <translation>工作站 %1 已被吊销：必须重新配对才能连接本服务器。</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Station faults</source>
        <translation>工作站故障</translation>
    </message>
    <message>
        <source>First-pass yield</source>
        <translation>一次通过率</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>No heartbeat</source>
        <translation>无心跳</translation>
    </message>
    <message>
        <source>Up since %1</source>
        <translation>自 %1 起在线</translation>
    </message>
    <message>
        <source>Down (last seen %1)</source>
        <translation>离线（最后在线 %1）</translation>
    </message>
    <message>
        <source>%1 of %2 slots</source>
        <translation>%2 个工位中的 %1 个</translation>
    </message>
    <message numerus="yes">
        <source>%n up now</source>
        <translation><numerusform>%n 个在线</numerusform></translation>
    </message>
</context>
<context>
    <name>prov::gui::UsersPage</name>
    <message>
        <source>&lt;b&gt;Users&lt;/b&gt;</source>
        <translation>&lt;b&gt;用户&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tokens&lt;/b&gt; (station tokens let a station fetch configurations and upload results)</source>
        <translation>&lt;b&gt;令牌&lt;/b&gt;（工作站令牌用于获取配置和上传结果）</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>删除用户</translation>
    </message>
    <message>
        <source>Set password…</source>
        <translation>设置密码…</translation>
    </message>
    <message>
        <source>Issue station token…</source>
        <translation>签发工作站令牌…</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>吊销令牌</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>过期时间</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <source>Cannot list the users: %1</source>
        <translation>无法列出用户：%1</translation>
    </message>
    <message>
        <source>Cannot list the tokens: %1</source>
        <translation>无法列出令牌：%1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>已添加用户 %1。</translation>
    </message>
    <message>
        <source>Token issued for station %1.</source>
        <translation>已为工作站 %1 签发令牌。</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Remove the user %1?</source>
        <translation>要删除用户 %1 吗？</translation>
    </message>
    <message>
        <source>User %1 removed.</source>
        <translation>已删除用户 %1。</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>%1 的新密码</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>已更改 %1 的密码。</translation>
    </message>
    <message>
        <source>Issue station token</source>
        <translation>签发工作站令牌</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>Station token</source>
        <translation>工作站令牌</translation>
    </message>
    <message>
        <source>The token for %1 (shown only now: put it in the station's settings)</source>
        <translation>%1 的令牌（仅显示这一次：请填入工作站设置）</translation>
    </message>
    <message>
        <source>Token %1 revoked.</source>
        <translation>已吊销令牌 %1。</translation>
    </message>
    <message>
        <source>Set badge…</source>
        <translation>设置工牌…</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>optional: scan the badge</source>
        <translation>可选：扫描工牌</translation>
    </message>
    <message>
        <source>Badge of %1 removed.</source>
        <translation>已移除 %1 的工牌。</translation>
    </message>
    <message>
        <source>Badge of %1 set.</source>
        <translation>已设置 %1 的工牌。</translation>
    </message>
    <message>
        <source>Set badge</source>
        <translation>设置工牌</translation>
    </message>
    <message>
        <source>Scan the new badge of %1 (leave empty to remove the badge)</source>
        <translation>扫描 %1 的新工牌（留空则移除工牌）</translation>
    </message>
</context>
<context>
    <name>prov::gui::YieldPage</name>
    <message>
        <source>Last 8 hours</source>
        <translation>最近 8 小时</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时间段</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>all stations</source>
        <translation>所有工作站</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Failures by result code</source>
        <translation>按结果代码统计的失败</translation>
    </message>
    <message>
        <source>Failures by step</source>
        <translation>按步骤统计的失败</translation>
    </message>
    <message>
        <source>Cycle time of passed runs per flow (s)</source>
        <translation>各流程通过运行的周期时间（秒）</translation>
    </message>
    <message>
        <source>This server does not report yield.</source>
        <translation>此服务器不提供良率。</translation>
    </message>
    <message>
        <source>Cannot read the yield: %1</source>
        <translation>无法读取良率：%1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>No figures yet.</source>
        <translation>暂无数据。</translation>
    </message>
    <message>
        <source>Runs %1 · Devices %2 · Passed %3 · Failed %4 · Station faults %5
First-pass yield %6 · Final yield %7 · %8 units/h</source>
        <translation>运行 %1 · 设备 %2 · 通过 %3 · 失败 %4 · 工作站故障 %5
直通率 %6 · 最终良率 %7 · %8 件/小时</translation>
    </message>
    <message>
        <source>(no step)</source>
        <translation>（无步骤）</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>90 %</source>
        <translation>90%</translation>
    </message>
    <message>
        <source>longest</source>
        <translation>最长</translation>
    </message>
    <message>
        <source>%1: none in this period</source>
        <translation>%1：此期间无</translation>
    </message>
</context>
</TS>
