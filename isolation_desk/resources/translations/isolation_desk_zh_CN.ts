<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust stock</source>
        <translation>库存调整</translation>
    </message>
    <message>
        <source>+ found, - lost (e.g. -5)</source>
        <translation>盘盈为正,损耗为负(例如 -5)</translation>
    </message>
    <message>
        <source>e.g. damaged, expired</source>
        <translation>例如 破损、过期</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Any (expired first)</source>
        <translation>任意(先扣过期批次)</translation>
    </message>
    <message>
        <source>%1 (expires %2): %3</source>
        <translation>%1(%2到期):%3</translation>
    </message>
</context>
<context>
    <name>AlertDialog</name>
    <message>
        <source>Positive result</source>
        <translation>阳性结果</translation>
    </message>
    <message>
        <source>Room-mates (isolation restarted from today)</source>
        <translation>同室人员(隔离期自今天重新计算)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起算日</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除日期</translation>
    </message>
    <message>
        <source>Restarted</source>
        <translation>已重新计算</translation>
    </message>
    <message>
        <source>Undo restart…</source>
        <translation>撤销重新计算…</translation>
    </message>
    <message>
        <source>Same floor</source>
        <translation>同楼层</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Transfer out…</source>
        <translation>转运…</translation>
    </message>
    <message>
        <source>Acknowledge…</source>
        <translation>确认已处置…</translation>
    </message>
    <message>
        <source>Child alone in a room</source>
        <translation>儿童独自在房间</translation>
    </message>
    <message>
        <source>%1 is alone in room %2: the last adult of the household left. Assign a carer (check one in with the child's household) or move the child to a family member.</source>
        <translation>%1 独自在房间 %2:同户最后一位成人已离开。请安排陪护人员(随该儿童同户入住)或将儿童转到家人身边。</translation>
    </message>
    <message>
        <source>Pool %1 tested positive. Each member has a single-sample re-test due today on the Tests screen.</source>
        <translation>混采管 %1 阳性。管内每位人员今天需单采复检,见“核酸检测”页面。</translation>
    </message>
    <message>
        <source>Staff member %1 tested positive (sampled %2). Send them off duty and inform headquarters.</source>
        <translation>工作人员 %1 检测阳性(采样时间 %2)。请立即停止其工作并报告指挥部。</translation>
    </message>
    <message>
        <source>%1, room %2: positive result (sampled %3). Status: %4. Arrange the transfer to the designated hospital; the room goes to terminal disinfection after it.</source>
        <translation>%1,房间 %2:检测阳性(采样时间 %3)。状态:%4。请安排转运至定点医院;转运后房间进行终末消毒。</translation>
    </message>
    <message>
        <source>The lab sheet gives the name %1 for this ID number: confirm the identity with the lab.</source>
        <translation>检测单上该证件号码对应的姓名为“%1”,请与检测机构核实身份。</translation>
    </message>
    <message>
        <source>Handled by %1 at %2.</source>
        <translation>已由 %1 于 %2 处置。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>No room-mates: nobody else's isolation restarted.</source>
        <translation>无同室人员:没有人的隔离期需要重新计算。</translation>
    </message>
    <message numerus="yes">
        <source>Same floor: %n other person(s) to watch</source>
        <translation>
            <numerusform>同楼层:另有 %n 人需关注</numerusform>
        </translation>
    </message>
    <message>
        <source>in isolation</source>
        <translation>隔离中</translation>
    </message>
    <message>
        <source>awaiting transfer</source>
        <translation>待转运</translation>
    </message>
    <message>
        <source>transferred</source>
        <translation>已转运</translation>
    </message>
    <message>
        <source>released</source>
        <translation>已解除</translation>
    </message>
    <message>
        <source>left</source>
        <translation>已离开</translation>
    </message>
    <message>
        <source>close contact</source>
        <translation>密接</translation>
    </message>
    <message>
        <source>secondary contact</source>
        <translation>次密接</translation>
    </message>
    <message>
        <source>inbound traveller</source>
        <translation>入境人员</translation>
    </message>
    <message>
        <source>risk-area arrival</source>
        <translation>中高风险地区来(返)人员</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation>转运</translation>
    </message>
    <message>
        <source>Designated hospital (destination):</source>
        <translation>定点医院(去向):</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认已处置</translation>
    </message>
    <message>
        <source>What has been done (e.g. 120 called, transfer at 11:00):</source>
        <translation>已采取的措施(如:已联系120,11:00转运):</translation>
    </message>
    <message>
        <source>Undo restart</source>
        <translation>撤销重新计算</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因:</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>ApplyPolicyDialog</name>
    <message>
        <source>Apply the policy to current occupants</source>
        <translation>将政策应用于在住人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Release now</source>
        <translation>现解除日期</translation>
    </message>
    <message>
        <source>New release</source>
        <translation>新解除日期</translation>
    </message>
    <message numerus="yes">
        <source>%n occupant(s) of this category would change:</source>
        <translation>
            <numerusform>该类别将有 %n 人发生变化:</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody would change: every current occupant of this category already has this policy.</source>
        <translation>无人变化:该类别所有在住人员已适用此政策。</translation>
    </message>
    <message>
        <source>Why (e.g. national protocol of 11 November 2022)</source>
        <translation>原因(例如:2022年11月11日国家方案)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Apply to these occupants</source>
        <translation>应用于这些人员</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <source>%1: %2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Search in actions, records, changes and record numbers</source>
        <translation>搜索操作、记录类型、变更内容和记录编号</translation>
    </message>
    <message>
        <source>Verify the chain</source>
        <translation>校验哈希链</translation>
    </message>
    <message>
        <source>Recompute the hash chain: an entry edited or deleted outside the application shows up here.</source>
        <translation>重新计算哈希链:在本软件之外被修改或删除的条目会在此显示。</translation>
    </message>
    <message>
        <source>Only a manager can view the audit trail.</source>
        <translation>只有负责人可以查看审计记录。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近24小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近7天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近30天</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部记录类型</translation>
    </message>
    <message numerus="yes">
        <source>Showing the newest %n entries: narrow the filter to see older ones.</source>
        <translation>
            <numerusform>仅显示最新的%n条,请缩小筛选范围以查看更早的记录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>共%n条</numerusform>
        </translation>
    </message>
    <message>
        <source>Override of: %1. Reason: %2</source>
        <translation>强制执行,越过规则:%1。原因:%2</translation>
    </message>
    <message>
        <source>Confirmed by %1 (%2): %3</source>
        <translation>第二人确认:%1(%2):%3</translation>
    </message>
    <message>
        <source>The audit trail was tampered with at entries %1: keep the file as evidence and restore the latest good backup.</source>
        <translation>审计记录在第%1条处被篡改:请保留该文件作为证据,并恢复最近的完好备份。</translation>
    </message>
    <message>
        <source>The audit trail is intact: every entry matches its hash.</source>
        <translation>审计记录完整:每一条都与其哈希值相符。</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <source>First manager account created</source>
        <translation>创建首个负责人账号</translation>
    </message>
    <message>
        <source>User account created</source>
        <translation>新建用户账号</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Failed sign-in</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Failed password change</source>
        <translation>修改密码失败</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>User account reactivated</source>
        <translation>启用用户账号</translation>
    </message>
    <message>
        <source>User account deactivated</source>
        <translation>停用用户账号</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>Policy edited</source>
        <translation>修改隔离政策</translation>
    </message>
    <message>
        <source>Policy preset applied</source>
        <translation>应用政策预设</translation>
    </message>
    <message>
        <source>Policy applied to occupants</source>
        <translation>对在住人员应用新政策</translation>
    </message>
    <message>
        <source>Rooms created</source>
        <translation>新建房间</translation>
    </message>
    <message>
        <source>Room disinfected</source>
        <translation>房间终末消毒完成</translation>
    </message>
    <message>
        <source>Room taken out of service</source>
        <translation>房间停用</translation>
    </message>
    <message>
        <source>Room back in service</source>
        <translation>房间恢复使用</translation>
    </message>
    <message>
        <source>Daily report template changed</source>
        <translation>修改每日报表模板</translation>
    </message>
    <message>
        <source>Demo site generated</source>
        <translation>生成演示数据</translation>
    </message>
    <message>
        <source>Handover sheet printed</source>
        <translation>打印交班单</translation>
    </message>
    <message>
        <source>Roster printed</source>
        <translation>打印在住人员名单</translation>
    </message>
    <message>
        <source>Door cards printed</source>
        <translation>打印房间门卡</translation>
    </message>
    <message>
        <source>Release notices printed</source>
        <translation>打印解除告知书</translation>
    </message>
    <message>
        <source>Daily report printed</source>
        <translation>打印每日报表</translation>
    </message>
    <message>
        <source>Sampling list printed</source>
        <translation>打印核酸采样登记表</translation>
    </message>
    <message>
        <source>Restock request printed</source>
        <translation>打印物资申领单</translation>
    </message>
    <message>
        <source>Recovery sheet printed</source>
        <translation>打印恢复单</translation>
    </message>
    <message>
        <source>Shift log entry written</source>
        <translation>填写交班日志</translation>
    </message>
    <message>
        <source>Shift log item resolved</source>
        <translation>交班日志事项已处理</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>备份数据</translation>
    </message>
    <message>
        <source>Audit trail sealed with the site key</source>
        <translation>审计记录已用本点密钥封存</translation>
    </message>
    <message>
        <source>Restored from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Personal data exported</source>
        <translation>导出个人信息</translation>
    </message>
    <message>
        <source>Lab results imported</source>
        <translation>导入检测结果</translation>
    </message>
    <message>
        <source>Arrivals imported</source>
        <translation>导入转运名单</translation>
    </message>
    <message>
        <source>Arrivals column choice forgotten</source>
        <translation>清除转运名单列对应</translation>
    </message>
    <message>
        <source>Staff member added</source>
        <translation>添加工作人员</translation>
    </message>
    <message>
        <source>Staff member deactivated</source>
        <translation>停用工作人员</translation>
    </message>
    <message>
        <source>Staff tests planned</source>
        <translation>安排工作人员检测</translation>
    </message>
    <message>
        <source>Supply item created</source>
        <translation>新建物资</translation>
    </message>
    <message>
        <source>Supply item changed</source>
        <translation>修改物资</translation>
    </message>
    <message>
        <source>Stock received</source>
        <translation>物资入库</translation>
    </message>
    <message>
        <source>Stock issued</source>
        <translation>物资发放</translation>
    </message>
    <message>
        <source>Stock transferred out</source>
        <translation>物资调出</translation>
    </message>
    <message>
        <source>Stock adjusted</source>
        <translation>库存调整</translation>
    </message>
    <message>
        <source>Stock counted</source>
        <translation>库存盘点</translation>
    </message>
    <message>
        <source>Demo supplies added</source>
        <translation>生成演示物资</translation>
    </message>
    <message>
        <source>Arrival registered</source>
        <translation>登记待入住人员</translation>
    </message>
    <message>
        <source>Arrival cancelled</source>
        <translation>取消待入住</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>入住登记</translation>
    </message>
    <message>
        <source>Moved to another room</source>
        <translation>换房</translation>
    </message>
    <message>
        <source>Release extended</source>
        <translation>延后解除日期</translation>
    </message>
    <message>
        <source>Release brought forward</source>
        <translation>提前解除日期</translation>
    </message>
    <message>
        <source>Isolation restarted</source>
        <translation>重新计算隔离期</translation>
    </message>
    <message>
        <source>Isolation restart undone</source>
        <translation>撤销重新计算隔离期</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除隔离</translation>
    </message>
    <message>
        <source>Marked for transfer</source>
        <translation>标记待转运</translation>
    </message>
    <message>
        <source>Transferred out</source>
        <translation>转运出点</translation>
    </message>
    <message>
        <source>Stay ended (other reason)</source>
        <translation>因其他原因离开</translation>
    </message>
    <message>
        <source>Community told of the release</source>
        <translation>已告知社区解除隔离</translation>
    </message>
    <message>
        <source>Sample taken</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Pool opened</source>
        <translation>新开混采管</translation>
    </message>
    <message>
        <source>Test result entered</source>
        <translation>录入检测结果</translation>
    </message>
    <message>
        <source>Pool result entered</source>
        <translation>录入混采结果</translation>
    </message>
    <message>
        <source>Results entered (batch)</source>
        <translation>批量录入检测结果</translation>
    </message>
    <message>
        <source>Alert acknowledged</source>
        <translation>确认已处置预警</translation>
    </message>
    <message>
        <source>Test regime changed</source>
        <translation>更改检测频次</translation>
    </message>
    <message>
        <source>Health check</source>
        <translation>体温与症状登记</translation>
    </message>
    <message>
        <source>User account</source>
        <translation>用户账号</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>隔离政策</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>隔离点</translation>
    </message>
    <message>
        <source>Printed paper</source>
        <translation>打印文件</translation>
    </message>
    <message>
        <source>Shift log</source>
        <translation>交班日志</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Data export</source>
        <translation>数据导出</translation>
    </message>
    <message>
        <source>Data import</source>
        <translation>数据导入</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Supply item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>隔离记录</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>混采管</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Room mate tested positive</source>
        <translation>同室人员阳性</translation>
    </message>
    <message>
        <source>Wrong password</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <source>Unknown user name</source>
        <translation>用户名不存在</translation>
    </message>
    <message>
        <source>Account deactivated</source>
        <translation>账号已停用</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>账号已锁定</translation>
    </message>
    <message>
        <source>Program closed</source>
        <translation>关闭程序</translation>
    </message>
    <message>
        <source>Another user signed in</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <source>Not matched to anyone at the site</source>
        <translation>未匹配到在住人员</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Stock count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <source>PCR test</source>
        <translation>核酸检测</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Handover sheet</source>
        <translation>交接班记录</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>在住人员名册</translation>
    </message>
    <message>
        <source>Door cards</source>
        <translation>门牌卡</translation>
    </message>
    <message>
        <source>Release notice</source>
        <translation>解除隔离告知书</translation>
    </message>
    <message>
        <source>Release notices</source>
        <translation>解除隔离告知书</translation>
    </message>
    <message>
        <source>Daily report</source>
        <translation>日报</translation>
    </message>
    <message>
        <source>Daily report template</source>
        <translation>日报模板</translation>
    </message>
    <message>
        <source>Arrivals column mapping</source>
        <translation>转运名单列对应</translation>
    </message>
    <message>
        <source>Occupants list</source>
        <translation>隔离人员名单</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>调整数量</translation>
    </message>
    <message>
        <source>Admitted to a site</source>
        <translation>集中隔离</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Lab batch</source>
        <translation>检测批次</translation>
    </message>
    <message>
        <source>Backup every (hours)</source>
        <translation>备份间隔(小时)</translation>
    </message>
    <message>
        <source>Beds</source>
        <translation>床位数</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>栏目</translation>
    </message>
    <message>
        <source>Command office signing release notices</source>
        <translation>签发解除告知书的指挥部</translation>
    </message>
    <message>
        <source>Destination community</source>
        <translation>去往街镇/社区</translation>
    </message>
    <message>
        <source>Community told</source>
        <translation>已告知街镇/社区</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Used per</source>
        <translation>消耗方式</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>盘点数</translation>
    </message>
    <message>
        <source>Counted from</source>
        <translation>起算方式</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>关键物资</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Day shift starts</source>
        <translation>白班开始</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Double sampling</source>
        <translation>双采双检</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Fever threshold</source>
        <translation>发热阈值</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>楼层</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>楼层</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Days of history</source>
        <translation>历史天数</translation>
    </message>
    <message>
        <source>Household members</source>
        <translation>同户成员</translation>
    </message>
    <message>
        <source>Holding room</source>
        <translation>待转运隔离房间</translation>
    </message>
    <message>
        <source>Home monitoring days</source>
        <translation>居家健康监测天数</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Lock after idle (minutes)</source>
        <translation>闲置锁屏(分钟)</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Isolation days</source>
        <translation>隔离天数</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>物资种数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>检测机构</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>列对应</translation>
    </message>
    <message>
        <source>Movement no.</source>
        <translation>出入库单号</translation>
    </message>
    <message>
        <source>Movement nos.</source>
        <translation>出入库单号</translation>
    </message>
    <message>
        <source>Movements</source>
        <translation>出入库记录</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Night shift starts</source>
        <translation>夜班开始</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Manager override</source>
        <translation>负责人特批</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>From / to</source>
        <translation>来源/去向</translation>
    </message>
    <message>
        <source>PDF font</source>
        <translation>PDF字体</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Policy preset</source>
        <translation>政策版本</translation>
    </message>
    <message>
        <source>Pool no.</source>
        <translation>混采管号</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>阳性</translation>
    </message>
    <message>
        <source>Positives</source>
        <translation>阳性数</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Use rate</source>
        <translation>消耗定额</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已录入</translation>
    </message>
    <message>
        <source>Refusals</source>
        <translation>不予解除原因</translation>
    </message>
    <message>
        <source>Testing regime</source>
        <translation>检测频次</translation>
    </message>
    <message>
        <source>Release date</source>
        <translation>解除日期</translation>
    </message>
    <message>
        <source>Reorder level</source>
        <translation>补货线</translation>
    </message>
    <message>
        <source>Resolved at</source>
        <translation>处理时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Retests</source>
        <translation>复检</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Safety copy</source>
        <translation>安全副本</translation>
    </message>
    <message>
        <source>Sampled at</source>
        <translation>采样时间</translation>
    </message>
    <message>
        <source>Tried at</source>
        <translation>尝试时间</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256校验值</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Site address</source>
        <translation>隔离点地址</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>隔离点名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Time slot</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>起算日</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stays</source>
        <translation>人次</translation>
    </message>
    <message>
        <source>Symptoms</source>
        <translation>症状</translation>
    </message>
    <message>
        <source>Saved to</source>
        <translation>保存位置</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Test at check-in</source>
        <translation>入住检测</translation>
    </message>
    <message>
        <source>Test days</source>
        <translation>检测日</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>检测数</translation>
    </message>
    <message>
        <source>Tests added</source>
        <translation>新增检测</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Tracks expiry</source>
        <translation>管理有效期</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Unmatched</source>
        <translation>未匹配</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Left for the lab (release samples)</source>
        <translation>留待检测机构结果(解除前样本)</translation>
    </message>
    <message>
        <source>Left (sampled in the last hour)</source>
        <translation>未记录(一小时内采样)</translation>
    </message>
    <message>
        <source>Recorded negative</source>
        <translation>记为阴性</translation>
    </message>
    <message>
        <source>Last-day surface sampling</source>
        <translation>末日物表采样</translation>
    </message>
</context>
<context>
    <name>BoardLegend</name>
    <message>
        <source>Test due today</source>
        <translation>今日应检</translation>
    </message>
    <message>
        <source>Release due</source>
        <translation>应解除</translation>
    </message>
    <message>
        <source>Fever (24 h)</source>
        <translation>发热(24小时)</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>阳性</translation>
    </message>
</context>
<context>
    <name>BulkCheckIn</name>
    <message>
        <source>Close contact</source>
        <translation>密接</translation>
    </message>
    <message>
        <source>Secondary contact</source>
        <translation>次密接</translation>
    </message>
    <message>
        <source>Inbound traveller</source>
        <translation>入境人员</translation>
    </message>
    <message>
        <source>Risk-area arrival</source>
        <translation>中高风险地区来(返)人员</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>家长</translation>
    </message>
    <message>
        <source>child</source>
        <translation>子女</translation>
    </message>
    <message>
        <source>carer</source>
        <translation>陪护</translation>
    </message>
    <message>
        <source>dependant</source>
        <translation>被照护</translation>
    </message>
</context>
<context>
    <name>BulkCheckInDialog</name>
    <message>
        <source>Suggested room</source>
        <translation>建议房间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>同住</translation>
    </message>
    <message>
        <source>Check in expected arrivals</source>
        <translation>待入住人员批量入住</translation>
    </message>
    <message>
        <source>Each person gets the suggested ready room; a household goes into one room together. Rooms are checked again at check-in: a room taken meanwhile is replaced by the next suggestion. Everybody is sampled on the day of check-in.</source>
        <translation>每人入住建议的就绪房间;同户人员同住一间。入住时会再次核对房间:如已被占用,则改用下一个建议房间。所有人入住当天采样。</translation>
    </message>
    <message>
        <source>Check in all</source>
        <translation>全部入住</translation>
    </message>
    <message>
        <source>Check in selected</source>
        <translation>选中人员入住</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>no room ready</source>
        <translation>无可用房间</translation>
    </message>
    <message>
        <source>POSITIVE: holding room %1 or transfer</source>
        <translation>阳性:安排至留观房间 %1 或转运</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) checked in.</source>
        <translation>
            <numerusform>已入住%n人。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → room %2</source>
        <translation>%1 → 房间%2</translation>
    </message>
    <message>
        <source>Not checked in: %1 — %2</source>
        <translation>未能入住:%1 — %2</translation>
    </message>
</context>
<context>
    <name>BulkResultsDialog</name>
    <message>
        <source>Record a lab batch</source>
        <translation>按检测批次录入结果</translation>
    </message>
    <message>
        <source>A lab's sheet answers for one batch of samples. Pick the batch; everything in it that is not marked is recorded as negative.</source>
        <translation>一份检测报告只对应一个批次的样本。请选择批次:批次中未标记的样本将录入为阴性。</translation>
    </message>
    <message>
        <source>Pooled tube</source>
        <translation>混采管</translation>
    </message>
    <message>
        <source>Sampling run (one floor, one day)</source>
        <translation>一次采样(某层、某日)</translation>
    </message>
    <message>
        <source>Samples taken before</source>
        <translation>采样时间早于</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n sample(s))</source>
        <translation>
            <numerusform>%1(%n 份样本)</numerusform>
        </translation>
    </message>
    <message>
        <source>Building %1, floor %2</source>
        <translation>%1栋 %2层</translation>
    </message>
    <message numerus="yes">
        <source>This records %n sample(s) of the batch as negative.</source>
        <translation>
            <numerusform>将把该批次中的 %n 份样本录入为阴性。</numerusform>
        </translation>
    </message>
    <message>
        <source>Marked: %1 positive, %2 invalid (recorded as marked).</source>
        <translation>已标记:阳性 %1 份,无效 %2 份(按标记录入)。</translation>
    </message>
    <message numerus="yes">
        <source>%n taken in the last hour: never recorded in bulk.</source>
        <translation>
            <numerusform>%n 份为最近一小时内采集:不可批量录入。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n last-day sample(s) (release, second lab, surfaces): they need the lab's result, imported or entered one by one.</source>
        <translation>
            <numerusform>%n 份解除前样本(解除前采样、第二份采样、环境物表):须有检测机构的结果(导入或逐条录入)。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Record %n as negative</source>
        <translation>
            <numerusform>录入 %n 份阴性</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码:</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码:</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <source>Register and check in</source>
        <translation>登记入住</translation>
    </message>
    <message>
        <source>18 characters, last may be X</source>
        <translation>18位,末位可为X</translation>
    </message>
    <message>
        <source>(from the ID number)</source>
        <translation>(由证件号码得出)</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日,如2022-03-27</translation>
    </message>
    <message>
        <source>11-digit mobile number</source>
        <translation>11位手机号码</translation>
    </message>
    <message>
        <source>Shares a room with a household member already here</source>
        <translation>与已入住的同户成员同住</translation>
    </message>
    <message>
        <source>A child without any document (a local number is given; birth date required)</source>
        <translation>无任何证件的儿童(系统生成本地编号;须填写出生日期)</translation>
    </message>
    <message>
        <source>%1 (room %2)</source>
        <translation>%1(房间%2)</translation>
    </message>
    <message>
        <source>Child (14 or under)</source>
        <translation>儿童(14岁及以下)</translation>
    </message>
    <message>
        <source>Designated carer</source>
        <translation>指定陪护人</translation>
    </message>
    <message>
        <source>Person cared for</source>
        <translation>被照护人</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>家长</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>&amp;ID number</source>
        <translation>证件号码(&amp;I)</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>联系电话(&amp;P)</translation>
    </message>
    <message>
        <source>Came from</source>
        <translation>来源地</translation>
    </message>
    <message>
        <source>Current address</source>
        <translation>现住址</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>人员类别(&amp;C)</translation>
    </message>
    <message>
        <source>Last exposure</source>
        <translation>末次暴露</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>抵达</translation>
    </message>
    <message>
        <source>Going to (community)</source>
        <translation>去往街镇/社区</translation>
    </message>
    <message>
        <source>Community contact</source>
        <translation>社区联系人</translation>
    </message>
    <message>
        <source>Contact's phone</source>
        <translation>联系人电话</translation>
    </message>
    <message>
        <source>Household member</source>
        <translation>同户成员</translation>
    </message>
    <message>
        <source>This person is</source>
        <translation>本人身份</translation>
    </message>
    <message>
        <source>Member already here is</source>
        <translation>已入住成员身份</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>房间(&amp;R)</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员信息</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>隔离信息</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>入住</translation>
    </message>
    <message>
        <source>Room %1 is occupied: the person joins its household.</source>
        <translation>房间%1已有人入住:此人作为同户成员入住。</translation>
    </message>
    <message>
        <source>Room chosen on the board.</source>
        <translation>已在房态图上选定房间。</translation>
    </message>
    <message>
        <source>Suggested: %1 (ready, floor of the same category)</source>
        <translation>建议:%1(就绪,同类人员楼层)</translation>
    </message>
    <message>
        <source>No room is ready.</source>
        <translation>没有就绪房间。</translation>
    </message>
    <message>
        <source>Enter the number on the document.</source>
        <translation>请填写证件上的号码。</translation>
    </message>
    <message>
        <source>No check digit on this document: check it by eye.</source>
        <translation>此类证件无校验位,请人工核对。</translation>
    </message>
    <message>
        <source>Valid: born %1, %2</source>
        <translation>有效:出生于%1,%2</translation>
    </message>
    <message>
        <source>Valid mobile number</source>
        <translation>手机号码有效</translation>
    </message>
    <message>
        <source>No policy is set for this category (Settings).</source>
        <translation>该类别尚未设置政策(见“设置”)。</translation>
    </message>
    <message>
        <source>Counted from: %1. %2</source>
        <translation>起算:%1。%2</translation>
    </message>
    <message>
        <source>Counted from %1 (%2); release on %3 (day %4)</source>
        <translation>自%1起算(%2);%3解除(第%4天)</translation>
    </message>
    <message>
        <source>No document: a local number is given at check-in.</source>
        <translation>无证件:入住时生成本地编号。</translation>
    </message>
    <message>
        <source>Goes to room %1, the household member's room.</source>
        <translation>入住同户成员所在的房间 %1。</translation>
    </message>
    <message>
        <source>No one here has a free bed in their room: choose a room.</source>
        <translation>没有可同住的同户成员(其房间无空床),请选择房间。</translation>
    </message>
</context>
<context>
    <name>CountDialog</name>
    <message>
        <source>Count stock</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Counted on the shelf</source>
        <translation>实盘数量</translation>
    </message>
    <message>
        <source>e.g. monthly count</source>
        <translation>例如 月度盘点</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Without lot (book: %1)</source>
        <translation>无批号(账面:%1)</translation>
    </message>
    <message>
        <source>Lot %1, expires %2 (book: %3)</source>
        <translation>批号%1,%2到期(账面:%3)</translation>
    </message>
</context>
<context>
    <name>EmergencyBanner</name>
    <message>
        <source>Handle…</source>
        <translation>处置…</translation>
    </message>
    <message>
        <source>Child alone in room %1: %2 has no adult of the household with them</source>
        <translation>儿童独自在房间 %1:%2 身边没有同户成人</translation>
    </message>
    <message>
        <source>Pool %1 positive: re-test each member today</source>
        <translation>混采管 %1 阳性:今天对每位管内人员单采复检</translation>
    </message>
    <message>
        <source>Staff member %1 (%2) tested positive</source>
        <translation>工作人员 %1(%2)检测阳性</translation>
    </message>
    <message>
        <source>POSITIVE before arrival: %1 (expected): holding room or transfer, never an ordinary room</source>
        <translation>入住前阳性:%1(待入住):安排至留观房间或转运,不得入住普通房间</translation>
    </message>
    <message>
        <source>POSITIVE after leaving the site: %1 (room %2 then): inform their community</source>
        <translation>离点后检测阳性:%1(原房间 %2),请通知其所在社区</translation>
    </message>
    <message>
        <source>POSITIVE: %1, room %2, awaiting transfer</source>
        <translation>阳性:%1,房间 %2,待转运</translation>
    </message>
    <message>
        <source>name differs on the lab sheet (%1): confirm identity</source>
        <translation>检测单上的姓名不符(%1):请核实身份</translation>
    </message>
    <message numerus="yes">
        <source>(and %n earlier open alert(s))</source>
        <translation>
            <numerusform>(另有 %n 条较早的未处理警报)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Welcome to Isolation Desk</source>
        <translation>欢迎使用隔离点工作台</translation>
    </message>
    <message>
        <source>This database holds no site yet. Set up your site, or explore a demo site with invented people to learn the program.</source>
        <translation>此数据库中还没有隔离点。请设置您的隔离点,或打开使用虚构人员的演示隔离点来熟悉本软件。</translation>
    </message>
    <message>
        <source>Set up a new site</source>
        <translation>设置新的隔离点</translation>
    </message>
    <message>
        <source>Explore a demo site</source>
        <translation>打开演示隔离点</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>隔离点名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Rooms (one range a line:
building, floors, rooms)</source>
        <translation>房间(每行一个范围:
楼栋, 楼层, 房号)</translation>
    </message>
    <message>
        <source>Beds per room</source>
        <translation>每间床位数</translation>
    </message>
    <message>
        <source>Policy preset</source>
        <translation>政策预设</translation>
    </message>
    <message>
        <source>Day shift starts</source>
        <translation>白班开始</translation>
    </message>
    <message>
        <source>Night shift starts</source>
        <translation>夜班开始</translation>
    </message>
    <message>
        <source>Rooms in the demo</source>
        <translation>演示房间数</translation>
    </message>
    <message>
        <source>Set up the site</source>
        <translation>设置隔离点</translation>
    </message>
    <message>
        <source>Open the demo site</source>
        <translation>打开演示隔离点</translation>
    </message>
</context>
<context>
    <name>FlagsTab</name>
    <message>
        <source>Missed and overdue</source>
        <translation>漏采与超时</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应检日期</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Sampled at</source>
        <translation>采样时间</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Sample now (late)</source>
        <translation>现在补采</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>Missed tests (due before today, never sampled): %1</source>
        <translation>漏采(应检日期在今天之前且未采样):%1</translation>
    </message>
    <message>
        <source>Results pending over 24 hours: %1</source>
        <translation>超过24小时未出结果:%1</translation>
    </message>
    <message>
        <source>Missed and overdue (%1)</source>
        <translation>漏采与超时(%1)</translation>
    </message>
</context>
<context>
    <name>HandoverScreen</name>
    <message>
        <source>Handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>交办</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Shift:</source>
        <translation>班次:</translation>
    </message>
    <message>
        <source>Day shift</source>
        <translation>白班</translation>
    </message>
    <message>
        <source>Night shift</source>
        <translation>夜班</translation>
    </message>
    <message>
        <source>Current shift</source>
        <translation>当前班次</translation>
    </message>
    <message>
        <source>Printout language:</source>
        <translation>打印语言:</translation>
    </message>
    <message>
        <source>New shift-log entry</source>
        <translation>新增交接班记录</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>内容:</translation>
    </message>
    <message>
        <source>What happened, or what the next shift must do</source>
        <translation>发生的情况,或下一班需要办理的事项</translation>
    </message>
    <message>
        <source>Add to the log</source>
        <translation>写入日志</translation>
    </message>
    <message>
        <source>Mark incident as handled</source>
        <translation>标记事件已处理</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>By</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为PDF…</translation>
    </message>
    <message>
        <source>Other papers:</source>
        <translation>其他文书:</translation>
    </message>
    <message>
        <source>Roster…</source>
        <translation>在住人员名单…</translation>
    </message>
    <message>
        <source>Door cards…</source>
        <translation>房间门卡…</translation>
    </message>
    <message>
        <source>Daily report…</source>
        <translation>每日报表…</translation>
    </message>
    <message>
        <source>Release notices due today…</source>
        <translation>今日解除告知书…</translation>
    </message>
    <message>
        <source>No Chinese TrueType font was found: printouts use the built-in font STSong-Light, which is not embedded, so other computers may show Chinese differently. Set a font file in Settings.</source>
        <translation>未找到中文TrueType字体:打印文书使用内置字体STSong-Light,该字体不嵌入文件,其他电脑上的中文显示可能不同。请在设置中指定字体文件。</translation>
    </message>
    <message>
        <source>Counting the figures of the shift…</source>
        <translation>正在统计本班数据…</translation>
    </message>
    <message>
        <source>Shift under way, %1 to %2: figures as of %3.</source>
        <translation>班次进行中(%1 至 %2),数据统计至 %3。</translation>
    </message>
    <message>
        <source>Finished shift, %1 to %2.</source>
        <translation>已结束的班次(%1 至 %2)。</translation>
    </message>
    <message>
        <source>handled</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>Handover sheet</source>
        <translation>交接班记录</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s). The preview shows the sheet exactly as it prints.</source>
        <translation>
            <numerusform>共 %n 页。预览与打印效果完全一致。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Save the handover sheet</source>
        <translation>保存交接班记录</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Save the roster</source>
        <translation>保存在住人员名单</translation>
    </message>
    <message>
        <source>Save the door cards</source>
        <translation>保存房间门卡</translation>
    </message>
    <message>
        <source>Save the daily report</source>
        <translation>保存每日报表</translation>
    </message>
    <message>
        <source>Spreadsheet or PDF (*.xlsx *.pdf)</source>
        <translation>表格或PDF (*.xlsx *.pdf)</translation>
    </message>
    <message>
        <source>Save the release notices</source>
        <translation>保存解除告知书</translation>
    </message>
</context>
<context>
    <name>HealthScreen</name>
    <message>
        <source>Health</source>
        <translation>体温与症状</translation>
    </message>
    <message>
        <source>fever</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>dry cough</source>
        <translation>干咳</translation>
    </message>
    <message>
        <source>sputum</source>
        <translation>咳痰</translation>
    </message>
    <message>
        <source>sore throat</source>
        <translation>咽痛</translation>
    </message>
    <message>
        <source>fatigue</source>
        <translation>乏力</translation>
    </message>
    <message>
        <source>runny or blocked nose</source>
        <translation>流涕或鼻塞</translation>
    </message>
    <message>
        <source>headache</source>
        <translation>头痛</translation>
    </message>
    <message>
        <source>muscle ache</source>
        <translation>肌肉酸痛</translation>
    </message>
    <message>
        <source>shortness of breath</source>
        <translation>气促</translation>
    </message>
    <message>
        <source>chest tightness</source>
        <translation>胸闷</translation>
    </message>
    <message>
        <source>loss of smell or taste</source>
        <translation>嗅觉或味觉减退</translation>
    </message>
    <message>
        <source>diarrhoea</source>
        <translation>腹泻</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>楼层</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <source>Evening</source>
        <translation>下午</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Symptoms</source>
        <translation>症状</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>°C</source>
        <translation>°C</translation>
    </message>
    <message>
        <source>Enter the reading and press Enter: the next person is selected</source>
        <translation>输入体温后按回车,自动转到下一位</translation>
    </message>
    <message>
        <source>Temperature °C</source>
        <translation>体温 °C</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Next floor</source>
        <translation>下一层</translation>
    </message>
    <message>
        <source>Ctrl+PgDown</source>
        <translation>Ctrl+PgDown</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Health checks on %1</source>
        <translation>%1 体温与症状</translation>
    </message>
    <message>
        <source>FEVER</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>未测</translation>
    </message>
    <message>
        <source>%1 floor %2: %3 of %4</source>
        <translation>%1栋%2层:%3/%4</translation>
    </message>
    <message>
        <source>Checked %1 of %2 · fever %3 (≥ %4 °C) · missing %5</source>
        <translation>已测 %1/%2 · 发热 %3(≥ %4 °C)· 未测 %5</translation>
    </message>
    <message>
        <source>Fevers in the last 24 hours: %1</source>
        <translation>24小时内发热:%1</translation>
    </message>
    <message>
        <source>Saved: %1 %2 °C</source>
        <translation>已保存:%1 %2 °C</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Locked — sign in to continue</source>
        <translation>已锁定 — 请登录后继续</translation>
    </message>
</context>
<context>
    <name>ImportArrivals</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Last exposure</source>
        <translation>末次暴露时间</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>抵达时间</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>来源地区</translation>
    </message>
    <message>
        <source>Registered address</source>
        <translation>户籍地址</translation>
    </message>
    <message>
        <source>Current address</source>
        <translation>现住址</translation>
    </message>
    <message>
        <source>Destination community</source>
        <translation>去往街镇/社区</translation>
    </message>
    <message>
        <source>Community contact</source>
        <translation>社区联系人</translation>
    </message>
    <message>
        <source>Community phone</source>
        <translation>社区联系电话</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>同户编号</translation>
    </message>
    <message>
        <source>Household role</source>
        <translation>同住关系</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>不予导入</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ImportArrivalsDialog</name>
    <message>
        <source>Import arrivals from a transfer list</source>
        <translation>从转运名单导入待入住人员</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件:</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Columns (correct a field by choosing its column)</source>
        <translation>列对应(如有不对,请为该项选择正确的列)</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>Automatic mapping</source>
        <translation>自动对应</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <source>Refused and duplicate rows</source>
        <translation>不予导入和重复的行</translation>
    </message>
    <message>
        <source>Valid rows</source>
        <translation>有效行</translation>
    </message>
    <message>
        <source>Save refused rows…</source>
        <translation>保存未导入的行…</translation>
    </message>
    <message>
        <source>Check in…</source>
        <translation>办理入住…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose a transfer list</source>
        <translation>选择转运名单</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>— not in this file —</source>
        <translation>— 文件中没有 —</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Header found in row %1.</source>
        <translation>表头在第%1行。</translation>
    </message>
    <message>
        <source>No column found for: %1. If the file has it, choose its column above.</source>
        <translation>没有找到以下各项的列:%1。如文件中有,请在上方为其选择列。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) imported as expected arrivals.</source>
        <translation>
            <numerusform>已导入%n人为待入住人员。</numerusform>
        </translation>
    </message>
    <message>
        <source>refused-%1</source>
        <translation>未导入-%1</translation>
    </message>
    <message>
        <source>Save refused rows</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) read: %1 valid, %2 refused, %3 duplicate</source>
        <translation>
            <numerusform>共读取%n行:有效%1行,不予导入%2行,重复%3行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %n valid row(s)</source>
        <translation>
            <numerusform>导入%n条有效记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import lab results</source>
        <translation>导入检测结果</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>%1: %2 rows.</source>
        <translation>%1:共 %2 行。</translation>
    </message>
    <message>
        <source>Would record %1; %2 already recorded; %3 unmatched; %4 conflicts; %5 positive.</source>
        <translation>将录入 %1 条;已录入 %2 条;未匹配 %3 条;冲突 %4 条;阳性 %5 人。</translation>
    </message>
    <message>
        <source>Recorded %1; %2 already recorded; %3 unmatched; %4 conflicts; %5 positive.</source>
        <translation>已录入 %1 条;此前已录入 %2 条;未匹配 %3 条;冲突 %4 条;阳性 %5 人。</translation>
    </message>
    <message numerus="yes">
        <source>%n POSITIVE row(s) with nobody at the site to match: find the person now (rows %1).</source>
        <translation>
            <numerusform>%n 行阳性结果无法对应到本隔离点的任何人:请立即查找此人(第 %1 行)。</numerusform>
        </translation>
    </message>
    <message>
        <source>POSITIVE, room %1</source>
        <translation>阳性,房间 %1</translation>
    </message>
    <message>
        <source>POSITIVE: </source>
        <translation>阳性:</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>Issue stock</source>
        <translation>物资出库</translation>
    </message>
    <message>
        <source>Issue to a floor or team</source>
        <translation>领用(楼层或班组)</translation>
    </message>
    <message>
        <source>Transfer out to another site</source>
        <translation>调出到其他单位</translation>
    </message>
    <message>
        <source>issue slip number</source>
        <translation>领料单号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>To</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Slip no.</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>First expiry first (FEFO)</source>
        <translation>先到期先出(自动)</translation>
    </message>
    <message>
        <source>%1 (expires %2): %3</source>
        <translation>%1(%2到期):%3</translation>
    </message>
    <message>
        <source>On hand: %1</source>
        <translation>现有库存:%1</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>New supply item</source>
        <translation>新增物资</translation>
    </message>
    <message>
        <source>Edit supply item</source>
        <translation>修改物资</translation>
    </message>
    <message>
        <source>Units used per occupant-day, per staff shift or per sample</source>
        <translation>每人天、每班次或每次采样的用量</translation>
    </message>
    <message>
        <source>Critical (shown on the handover sheet)</source>
        <translation>关键物资(列入交接班记录)</translation>
    </message>
    <message>
        <source>Has lots with expiry dates</source>
        <translation>按批号管理有效期</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Reorder level</source>
        <translation>补货线</translation>
    </message>
    <message>
        <source>Consumed</source>
        <translation>消耗方式</translation>
    </message>
    <message>
        <source>Use rate</source>
        <translation>消耗定额</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>User name:</source>
        <translation>用户名:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>姓名:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码:</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Isolation Desk — first start</source>
        <translation>隔离点工作台 — 首次启动</translation>
    </message>
    <message numerus="yes">
        <source>No account exists yet. Create the site manager's account: the manager can then add an account for every member of staff. The password needs at least %n characters.</source>
        <translation>
            <numerusform>尚无任何账号。请创建隔离点负责人账号,负责人随后可为每位工作人员添加账号。密码至少需要%n个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>创建账号</translation>
    </message>
    <message>
        <source>Isolation Desk — locked</source>
        <translation>隔离点工作台 — 已锁定</translation>
    </message>
    <message>
        <source>The screen is locked. %1, enter your password to continue; at the shift change the next user signs in with their own name.</source>
        <translation>屏幕已锁定。%1,请输入密码继续;交接班时,接班人员请用自己的账号登录。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Isolation Desk — sign in</source>
        <translation>隔离点工作台 — 登录</translation>
    </message>
    <message>
        <source>Sign in with your own account: every action is recorded under your name.</source>
        <translation>请使用本人账号登录:每项操作都会以您的名义记录。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Every password forgotten? Use the recovery sheet…</source>
        <translation>忘记全部密码?使用恢复单…</translation>
    </message>
    <message>
        <source>%1 has a new password: sign in with it, then give the other staff new passwords (Account menu, Users).</source>
        <translation>%1 已设置新密码:请用新密码登录,然后为其他工作人员设置新密码(账号菜单 › 用户)。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export the table shown…</source>
        <translation>导出当前表格(&amp;E)…</translation>
    </message>
    <message>
        <source>Isolation Desk</source>
        <translation>隔离点工作台</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>This screen shows no table to export.</source>
        <translation>此页面没有可导出的表格。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Occupants</source>
        <translation>隔离人员</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康监测</translation>
    </message>
    <message>
        <source>Supplies</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Beds occupied: %1 / %2</source>
        <translation>床位占用:%1 / %2</translation>
    </message>
    <message>
        <source>Day shift %1–%2</source>
        <translation>白班 %1–%2</translation>
    </message>
    <message>
        <source>Night shift %1–%2</source>
        <translation>夜班 %1–%2</translation>
    </message>
    <message>
        <source>Isolation Desk — %1</source>
        <translation>隔离点工作台 — %1</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move to another room</source>
        <translation>调换房间</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n bed(s))</source>
        <translation>
            <numerusform>%1(%n 张床)</numerusform>
        </translation>
    </message>
    <message>
        <source>Why (e.g. air conditioning broken)</source>
        <translation>原因(例如:空调故障)</translation>
    </message>
    <message>
        <source>Move the household too: %1</source>
        <translation>同户人员一起转移:%1</translation>
    </message>
    <message>
        <source>They share the room as one household and move in the same step. A child or a person who needs a carer is never left without an adult of the household.</source>
        <translation>同户人员同住一室,将在同一步骤中一起转移。儿童或需照护人员不得在无同户成人陪同的情况下独处。</translation>
    </message>
    <message>
        <source>Manager only: why the household is separated</source>
        <translation>仅限负责人:填写分开同户人员的原因</translation>
    </message>
    <message>
        <source>Occupant</source>
        <translation>隔离人员</translation>
    </message>
    <message>
        <source>Ready room</source>
        <translation>就绪房间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Household in the same room</source>
        <translation>同室同户人员</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>调换</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <source>Close contact</source>
        <translation>密接</translation>
    </message>
    <message>
        <source>Secondary contact</source>
        <translation>次密接</translation>
    </message>
    <message>
        <source>Inbound traveller</source>
        <translation>入境人员</translation>
    </message>
    <message>
        <source>Risk-area arrival</source>
        <translation>中高风险地区来(返)人员</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>待入住</translation>
    </message>
    <message>
        <source>In isolation</source>
        <translation>隔离中</translation>
    </message>
    <message>
        <source>Awaiting transfer</source>
        <translation>待转运</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>已解除</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>已转运</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>已离开</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Occupied</source>
        <translation>已入住</translation>
    </message>
    <message>
        <source>Awaiting disinfection</source>
        <translation>待终末消毒</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>Hong Kong/Macau permit</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <source>Taiwan permit</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <source>Foreign permanent resident ID</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <source>Other document</source>
        <translation>其他证件</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>阴性</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>阳性</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待出结果</translation>
    </message>
    <message>
        <source>Last exposure</source>
        <translation>末次暴露</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>抵达</translation>
    </message>
    <message>
        <source>Protocol 8th edition (2021)</source>
        <translation>防控方案第八版(2021)</translation>
    </message>
    <message>
        <source>Protocol 9th edition (June 2022)</source>
        <translation>防控方案第九版(2022年6月)</translation>
    </message>
    <message>
        <source>"20 measures" (November 2022)</source>
        <translation>“二十条”(2022年11月)</translation>
    </message>
    <message>
        <source>Registered as expected</source>
        <translation>登记为待入住</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>入住</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>调换房间</translation>
    </message>
    <message>
        <source>Release extended</source>
        <translation>延长隔离</translation>
    </message>
    <message>
        <source>Release brought forward</source>
        <translation>提前解除</translation>
    </message>
    <message>
        <source>Isolation restarted</source>
        <translation>重新计算隔离期</translation>
    </message>
    <message>
        <source>Released by manager override</source>
        <translation>负责人强制解除</translation>
    </message>
    <message>
        <source>Marked for transfer</source>
        <translation>标记待转运</translation>
    </message>
    <message>
        <source>Transferred out</source>
        <translation>转出</translation>
    </message>
    <message>
        <source>Arrival cancelled</source>
        <translation>取消入住</translation>
    </message>
    <message>
        <source>Policy applied</source>
        <translation>应用新政策</translation>
    </message>
    <message>
        <source>Community told of the release</source>
        <translation>已告知社区解除隔离</translation>
    </message>
    <message>
        <source>Designated hospital</source>
        <translation>定点医院</translation>
    </message>
    <message>
        <source>Another site</source>
        <translation>其他隔离点</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>入住检测</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除</translation>
    </message>
    <message>
        <source>Second lab</source>
        <translation>第二实验室</translation>
    </message>
    <message>
        <source>Retest</source>
        <translation>复检</translation>
    </message>
    <message>
        <source>Regime</source>
        <translation>检测方案</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>物表</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>New user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色:</translation>
    </message>
    <message>
        <source>First password:</source>
        <translation>初始密码:</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码:</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>OccupantsScreen</name>
    <message>
        <source>Occupants</source>
        <translation>隔离人员</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>occupants</source>
        <translation>隔离人员</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>Name, ID number, phone or room (Ctrl+F)</source>
        <translation>姓名、证件号码、电话或房间(Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>人员类别(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Building</source>
        <translation>楼栋(&amp;B)</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>状态(&amp;T)</translation>
    </message>
    <message>
        <source>Register and check in…</source>
        <translation>登记入住…</translation>
    </message>
    <message>
        <source>Import arrivals…</source>
        <translation>导入转运名单…</translation>
    </message>
    <message>
        <source>Import a transfer list (xlsx or csv) as expected arrivals</source>
        <translation>导入转运名单(xlsx或csv),登记为待入住人员</translation>
    </message>
    <message>
        <source>Check in expected…</source>
        <translation>待入住人员入住…</translation>
    </message>
    <message>
        <source>Check in the expected arrivals, with suggested rooms</source>
        <translation>为待入住人员办理入住,并推荐房间</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export the rows shown (after the filters) to xlsx or csv</source>
        <translation>将当前显示(已筛选)的行导出为xlsx或csv</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起算日</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除</translation>
    </message>
    <message>
        <source>Last test</source>
        <translation>最近检测</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Current (incl. expected)</source>
        <translation>在住(含待入住)</translation>
    </message>
    <message>
        <source>Release notice…</source>
        <translation>解除隔离告知书…</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Searched in %1 only. &lt;a href="all"&gt;Search all buildings&lt;/a&gt;</source>
        <translation>仅在%1中搜索。&lt;a href="all"&gt;搜索全部楼栋&lt;/a&gt;</translation>
    </message>
    <message>
        <source>(expected)</source>
        <translation>(待入住)</translation>
    </message>
    <message>
        <source>(expected: POSITIVE, holding room or transfer)</source>
        <translation>(待入住:阳性,安排留观房间或转运)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1/%2</translation>
    </message>
</context>
<context>
    <name>PaperPreview</name>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>/ 共%1页</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>未打印</translation>
    </message>
    <message>
        <source>The paper could not be printed (%1). Save it as PDF and print the file.</source>
        <translation>文书无法打印(%1)。请另存为PDF后打印该文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>已发送%n页到打印机。</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存:%1</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>文件无法写入:%1</translation>
    </message>
</context>
<context>
    <name>Papers</name>
    <message>
        <source>Handover sheet</source>
        <translation>交接班记录</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>在住人员名单</translation>
    </message>
    <message>
        <source>Door cards</source>
        <translation>门牌卡</translation>
    </message>
    <message>
        <source>Release notices</source>
        <translation>解除隔离告知书</translation>
    </message>
    <message>
        <source>Sampling list</source>
        <translation>核酸采样登记表</translation>
    </message>
    <message>
        <source>Restock request</source>
        <translation>物资申领单</translation>
    </message>
    <message>
        <source>Daily report</source>
        <translation>日报</translation>
    </message>
    <message>
        <source>Not shown</source>
        <translation>无法预览</translation>
    </message>
</context>
<context>
    <name>PolicyDialog</name>
    <message>
        <source>Policy: %1</source>
        <translation>政策:%1</translation>
    </message>
    <message>
        <source>Sampled on the day of check-in</source>
        <translation>入住当天采样</translation>
    </message>
    <message>
        <source>Two samples before release, two labs (双采双检)</source>
        <translation>解除前双采双检(两家实验室)</translation>
    </message>
    <message>
        <source>Last day: belongings and room surfaces sampled too (a positive holds the release)</source>
        <translation>解除前一并对个人物品及房间物表采样(阳性则暂缓解除)</translation>
    </message>
    <message>
        <source>Isolated at this site (unchecked: isolated at home)</source>
        <translation>在本隔离点集中隔离(不勾选:居家隔离)</translation>
    </message>
    <message>
        <source>Isolation days</source>
        <translation>隔离天数</translation>
    </message>
    <message>
        <source>Counted from</source>
        <translation>起算方式</translation>
    </message>
    <message>
        <source>Test days</source>
        <translation>检测日</translation>
    </message>
    <message>
        <source>Home monitoring days</source>
        <translation>居家监测天数</translation>
    </message>
</context>
<context>
    <name>PositivesTab</name>
    <message>
        <source>Positives</source>
        <translation>阳性处置</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>处置</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>阳性</translation>
    </message>
    <message>
        <source>positive pool</source>
        <translation>混采阳性</translation>
    </message>
    <message>
        <source>staff positive</source>
        <translation>工作人员阳性</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 于 %2</translation>
    </message>
    <message>
        <source>OPEN</source>
        <translation>未处置</translation>
    </message>
</context>
<context>
    <name>PrintMenu</name>
    <message>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <source>Handover sheet of the current shift…</source>
        <translation>本班交接班记录…</translation>
    </message>
    <message>
        <source>Roster…</source>
        <translation>在住人员名单…</translation>
    </message>
    <message>
        <source>Door cards: all occupied rooms…</source>
        <translation>门牌卡:全部在住房间…</translation>
    </message>
    <message>
        <source>Door cards: one building…</source>
        <translation>门牌卡:按楼栋…</translation>
    </message>
    <message>
        <source>Door cards: one floor…</source>
        <translation>门牌卡:按楼层…</translation>
    </message>
    <message>
        <source>Door cards: rooms selected on the board…</source>
        <translation>门牌卡:房态图上选中的房间…</translation>
    </message>
    <message>
        <source>Release notices due today…</source>
        <translation>今日到期的解除隔离告知书…</translation>
    </message>
    <message>
        <source>Release notice of the person selected on the occupants screen…</source>
        <translation>隔离人员页面选中人员的解除隔离告知书…</translation>
    </message>
    <message>
        <source>Sampling list: whole site…</source>
        <translation>核酸采样登记表:全隔离点…</translation>
    </message>
    <message>
        <source>Sampling list: one building or floor…</source>
        <translation>核酸采样登记表:按楼栋或楼层…</translation>
    </message>
    <message>
        <source>Restock request…</source>
        <translation>物资申领单…</translation>
    </message>
    <message>
        <source>Daily report…</source>
        <translation>日报…</translation>
    </message>
    <message>
        <source>Choose a building</source>
        <translation>选择楼栋</translation>
    </message>
    <message>
        <source>Building:</source>
        <translation>楼栋:</translation>
    </message>
    <message>
        <source>Choose a floor</source>
        <translation>选择楼层</translation>
    </message>
    <message>
        <source>Floor:</source>
        <translation>楼层:</translation>
    </message>
    <message>
        <source>Door cards</source>
        <translation>门牌卡</translation>
    </message>
    <message>
        <source>Select rooms on the room board first (click a room; Ctrl+click adds more).</source>
        <translation>请先在房态图上选择房间(单击选择,按住Ctrl单击可多选)。</translation>
    </message>
    <message>
        <source>Release notice</source>
        <translation>解除隔离告知书</translation>
    </message>
    <message>
        <source>Select a person on the occupants screen first.</source>
        <translation>请先在隔离人员页面选择一名人员。</translation>
    </message>
    <message>
        <source>Whole building</source>
        <translation>整栋楼</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <source>Receive stock</source>
        <translation>物资入库</translation>
    </message>
    <message>
        <source>e.g. 500</source>
        <translation>例如 500</translation>
    </message>
    <message>
        <source>Supplier or donor</source>
        <translation>供应商或捐赠方</translation>
    </message>
    <message>
        <source>batch number on the package</source>
        <translation>包装上的批号</translation>
    </message>
    <message>
        <source>e.g. 2023-06-30</source>
        <translation>例如 2023-06-30</translation>
    </message>
    <message>
        <source>receiving slip number</source>
        <translation>入库单号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>From (supplier or donor)</source>
        <translation>来源(供应商或捐赠方)</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Maker</source>
        <translation>生产厂家</translation>
    </message>
    <message>
        <source>Slip no.</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>This item tracks expiry: enter its lot and expiry date.</source>
        <translation>该物资管理有效期:请填写批号和有效期。</translation>
    </message>
</context>
<context>
    <name>RecoverAccessDialog</name>
    <message>
        <source>Every password forgotten</source>
        <translation>忘记全部密码</translation>
    </message>
    <message>
        <source>The recovery code on this site's recovery sheet (13 groups of 4 letters and digits) opens the encrypted file. Enter it, the site manager's user name and a new password for that account; then sign in with it and give the other staff new passwords.</source>
        <translation>本隔离点恢复单上的恢复码(13组,每组4个字母或数字)可以打开加密的文件。请输入恢复码、隔离点负责人的用户名和该账号的新密码;然后用新密码登录,再为其他工作人员设置新密码。</translation>
    </message>
    <message>
        <source>Recovery code:</source>
        <translation>恢复码:</translation>
    </message>
    <message>
        <source>Manager's user name:</source>
        <translation>负责人用户名:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码:</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码:</translation>
    </message>
    <message>
        <source>Set the new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Recovery sheet</source>
        <translation>恢复单</translation>
    </message>
    <message>
        <source>The site's file is now encrypted. Each account's password opens it. This recovery code is the file's key: when every password is forgotten, it alone opens the data.</source>
        <translation>本隔离点的数据文件现已加密,每个账号的密码都能打开它。下面的恢复码就是文件的密钥:所有密码都遗忘时,只有凭它才能打开数据。</translation>
    </message>
    <message>
        <source>Without this code, a site whose every password is forgotten is lost. Save the recovery sheet, print it, and have it locked away; then delete the saved file.</source>
        <translation>没有此恢复码,一旦所有密码都遗忘,数据将无法恢复。请保存恢复单并打印,交负责人锁好保管;然后删除保存的文件。</translation>
    </message>
    <message>
        <source>These accounts cannot open the encrypted file until you give them a new password (Account menu, Users): %1</source>
        <translation>以下账号在您为其重设密码之前无法打开加密文件(“账号”菜单 → 用户):%1</translation>
    </message>
    <message>
        <source>Save the recovery sheet (PDF)…</source>
        <translation>保存恢复单(PDF)…</translation>
    </message>
    <message>
        <source>I have kept the code</source>
        <translation>我已妥善保存恢复码</translation>
    </message>
    <message>
        <source>Save the recovery sheet</source>
        <translation>保存恢复单</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RegimeDialog</name>
    <message>
        <source>Test regime</source>
        <translation>检测频次</translation>
    </message>
    <message numerus="yes">
        <source>Applies from today to %1 (%n person(s)).</source>
        <translation>
            <numerusform>自今天起适用于%1(%n 人)。</numerusform>
        </translation>
    </message>
    <message>
        <source>Policy days only</source>
        <translation>仅按政策检测日</translation>
    </message>
    <message>
        <source>Daily (一天一检)</source>
        <translation>一天一检</translation>
    </message>
    <message>
        <source>3 tests in any 5 days (五天三检)</source>
        <translation>五天三检</translation>
    </message>
    <message>
        <source>PCR</source>
        <translation>核酸</translation>
    </message>
    <message>
        <source>Antigen</source>
        <translation>抗原</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>close contacts</source>
        <translation>密接</translation>
    </message>
    <message>
        <source>secondary contacts</source>
        <translation>次密接</translation>
    </message>
    <message>
        <source>inbound travellers</source>
        <translation>入境人员</translation>
    </message>
    <message>
        <source>risk-area arrivals</source>
        <translation>中高风险地区来(返)人员</translation>
    </message>
    <message>
        <source>others</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Only</source>
        <translation>仅限</translation>
    </message>
    <message>
        <source>Regime</source>
        <translation>频次</translation>
    </message>
    <message>
        <source>Extra tests are</source>
        <translation>加检类型</translation>
    </message>
</context>
<context>
    <name>ReleaseDateDialog</name>
    <message>
        <source>Change the release date</source>
        <translation>更改解除日期</translation>
    </message>
    <message>
        <source>Why (e.g. room-mate positive, missed test)</source>
        <translation>原因(例如:同住人员阳性、漏检)</translation>
    </message>
    <message>
        <source>Occupant</source>
        <translation>隔离人员</translation>
    </message>
    <message>
        <source>Start (day 0)</source>
        <translation>起算日(第0天)</translation>
    </message>
    <message>
        <source>Release date now</source>
        <translation>现解除日期</translation>
    </message>
    <message>
        <source>New release date</source>
        <translation>新解除日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Extend the household in the same room too: %1</source>
        <translation>同室同户人员一并延期:%1</translation>
    </message>
    <message numerus="yes">
        <source>Extends the isolation by %n day(s)</source>
        <translation>
            <numerusform>隔离期延长 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Brings the release forward by %n day(s)</source>
        <translation>
            <numerusform>提前 %n 天解除</numerusform>
        </translation>
    </message>
    <message>
        <source>Same date as now</source>
        <translation>与现日期相同</translation>
    </message>
    <message>
        <source>day %1 of the isolation</source>
        <translation>隔离第%1天</translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>还差 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) pending</source>
        <translation>
            <numerusform>%n 个结果未出</numerusform>
        </translation>
    </message>
    <message>
        <source>Release from isolation</source>
        <translation>解除隔离</translation>
    </message>
    <message>
        <source>A manager may release anyway: write why</source>
        <translation>负责人可强制解除:请写明原因</translation>
    </message>
    <message>
        <source>Second confirmation (medical staff or another manager)</source>
        <translation>第二人确认(医务人员或另一位负责人)</translation>
    </message>
    <message>
        <source>Their own reason</source>
        <translation>第二人填写的原因</translation>
    </message>
    <message>
        <source>A fever in the last 24 hours: one person cannot override it. The second person signs in here with their own password.</source>
        <translation>24小时内有发热:不能由一人强制解除。第二人须在此用本人密码登录确认。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The destination community has been told (%1)</source>
        <translation>已告知去往街镇/社区(%1)</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Occupant</source>
        <translation>隔离人员</translation>
    </message>
    <message>
        <source>Release date</source>
        <translation>解除日期</translation>
    </message>
    <message>
        <source>All conditions are met: the person may be released.</source>
        <translation>条件均已满足,可以解除隔离。</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除</translation>
    </message>
    <message>
        <source>Release is refused:</source>
        <translation>不能解除隔离:</translation>
    </message>
    <message>
        <source>A positive result cannot be overridden: transfer the person instead.</source>
        <translation>阳性结果不能强制解除,请转运。</translation>
    </message>
    <message>
        <source>Only a manager can release against these reasons.</source>
        <translation>只有负责人可以不顾上述原因解除隔离。</translation>
    </message>
    <message>
        <source>As a manager you may override, with a reason that is recorded.</source>
        <translation>您是负责人,可以强制解除,原因将被记录。</translation>
    </message>
    <message>
        <source>Release with override</source>
        <translation>强制解除</translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Lab (optional)</source>
        <translation>检测机构(可不填)</translation>
    </message>
    <message>
        <source>Keys: P marks positive, I invalid, N clears. The batch button records the unmarked rows of one lab batch as negative (never samples of the last hour, never last-day samples).</source>
        <translation>按键:P 标为阳性,I 标为无效,N 清除标记。按批次录入时,所选批次中未标记的行录为阴性(最近一小时内的样本和解除前样本除外)。</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Sampled at</source>
        <translation>采样时间</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>To record</source>
        <translation>将录入</translation>
    </message>
    <message>
        <source>Mark positive (P)</source>
        <translation>标为阳性(P)</translation>
    </message>
    <message>
        <source>Mark invalid (I)</source>
        <translation>标为无效(I)</translation>
    </message>
    <message>
        <source>Selected: negative</source>
        <translation>所选:阴性</translation>
    </message>
    <message>
        <source>Selected: positive</source>
        <translation>所选:阳性</translation>
    </message>
    <message>
        <source>Record a lab batch: all negative except marked…</source>
        <translation>按批次录入:除标记外均为阴性…</translation>
    </message>
    <message numerus="yes">
        <source>pool %1 (%n sample(s))</source>
        <translation>
            <numerusform>混采管 %1(%n 人)</numerusform>
        </translation>
    </message>
    <message>
        <source>lab's result (sampled &lt; 1 h ago)</source>
        <translation>待检测机构结果(采样不足1小时)</translation>
    </message>
    <message>
        <source>lab's result (last day)</source>
        <translation>待检测机构结果(解除前)</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>Results (%1)</source>
        <translation>结果(%1)</translation>
    </message>
</context>
<context>
    <name>RoomBoard</name>
    <message>
        <source>T</source>
        <comment>badge: test due today</comment>
        <translation>检</translation>
    </message>
    <message>
        <source>R</source>
        <comment>badge: release due today</comment>
        <translation>解</translation>
    </message>
    <message>
        <source>F</source>
        <comment>badge: fever</comment>
        <translation>热</translation>
    </message>
    <message>
        <source>+</source>
        <comment>badge: positive</comment>
        <translation>阳</translation>
    </message>
</context>
<context>
    <name>RoomBoardView</name>
    <message>
        <source>%1F</source>
        <comment>floor label</comment>
        <translation>%1层</translation>
    </message>
    <message>
        <source>%1/%2 beds</source>
        <translation>%1/%2床</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因:%1</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>阳性</translation>
    </message>
    <message>
        <source>Fever in the last 24 hours</source>
        <translation>24小时内发热</translation>
    </message>
    <message>
        <source>Test due today</source>
        <translation>今日应检</translation>
    </message>
    <message>
        <source>Release due</source>
        <translation>应解除</translation>
    </message>
</context>
<context>
    <name>RoomsScreen</name>
    <message>
        <source>Rooms</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>&amp;Building</source>
        <translation>楼栋(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Occupants (Enter opens)</source>
        <translation>入住人员(回车打开)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Check in here…</source>
        <translation>在此入住…</translation>
    </message>
    <message>
        <source>Mark disinfected</source>
        <translation>已终末消毒</translation>
    </message>
    <message>
        <source>Out of service…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>恢复使用</translation>
    </message>
    <message>
        <source>Door cards…</source>
        <translation>门牌卡…</translation>
    </message>
    <message>
        <source>Door cards of the selected rooms (Ctrl+click selects more), or of the building shown</source>
        <translation>打印选中房间的门牌卡(按住Ctrl单击可多选),未选中时打印当前楼栋</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原状态</translation>
    </message>
    <message>
        <source>To</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Reason, by</source>
        <translation>原因、操作人</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation>全部房间</translation>
    </message>
    <message>
        <source>Test due today</source>
        <translation>今日应检</translation>
    </message>
    <message>
        <source>Release due</source>
        <translation>应解除</translation>
    </message>
    <message>
        <source>Fever (24 h)</source>
        <translation>发热(24小时)</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>阳性</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message numerus="yes">
        <source>%n room(s)</source>
        <translation>
            <numerusform>%n 间</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a room on the board</source>
        <translation>请在房态图上选择房间</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n bed(s)</source>
        <translation>
            <numerusform>%1 · %n 床</numerusform>
        </translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>自%1</translation>
    </message>
    <message>
        <source>release %1</source>
        <translation>%1解除</translation>
    </message>
    <message>
        <source>Take room %1 out of service</source>
        <translation>停用房间%1</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>SamplingTab</name>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Scan the door card (ISD:…) or select a row and press Space</source>
        <translation>扫描门卡二维码(ISD:…),或选中一行后按空格键</translation>
    </message>
    <message>
        <source>Pooled</source>
        <translation>混采</translation>
    </message>
    <message>
        <source>New pool</source>
        <translation>新开一管</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Sampled</source>
        <translation>已采样</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>管号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>%1 floor %2: %3 of %4</source>
        <translation>%1栋%2层:%3/%4</translation>
    </message>
    <message>
        <source>Sampled %1 of %2 due today.</source>
        <translation>今日应采 %2,已采 %1。</translation>
    </message>
    <message>
        <source>Sampling (%1/%2)</source>
        <translation>采样(%1/%2)</translation>
    </message>
    <message>
        <source>Pool %1: %2 of %3</source>
        <translation>混采管 %1:%2/%3</translation>
    </message>
    <message>
        <source>A new pool opens with the next sample</source>
        <translation>下一份样本将新开一管</translation>
    </message>
    <message>
        <source>Single samples</source>
        <translation>单采</translation>
    </message>
    <message>
        <source>Sampled: %1</source>
        <translation>已采样:%1</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Isolation Desk</source>
        <translation>隔离点工作台</translation>
    </message>
    <message>
        <source>Checking the site's file before the first change is saved. A large site's file takes up to a minute; nothing is lost meanwhile.</source>
        <translation>正在检查站点数据文件,检查完成后才会保存第一处改动。大型站点的文件最多需要一分钟;期间不会丢失任何内容。</translation>
    </message>
    <message>
        <source>The latest good backup is from %1. Restore it now? The damaged file is kept beside the backups.</source>
        <translation>最近的完好备份时间为%1。现在恢复吗?损坏的文件会保留在备份文件夹中。</translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <source>&amp;Account</source>
        <translation>账号(&amp;A)</translation>
    </message>
    <message>
        <source>Lock / switch user</source>
        <translation>锁屏 / 切换用户</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <source>User accounts…</source>
        <translation>用户账号…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backup written to %1</source>
        <translation>备份已写入%1</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Isolation Desk backups (*.sqlite)</source>
        <translation>隔离点工作台备份 (*.sqlite)</translation>
    </message>
    <message>
        <source>Replace the current data with the backup %1? The current file is backed up first.</source>
        <translation>用备份%1替换当前数据吗?当前文件会先被备份。</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>隔离点</translation>
    </message>
    <message>
        <source>Site &amp;name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <source>Day shift starts</source>
        <translation>白班开始</translation>
    </message>
    <message>
        <source>Night shift starts</source>
        <translation>夜班开始</translation>
    </message>
    <message>
        <source>Fever at or above (°C)</source>
        <translation>发热标准(≥ °C)</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Release notices signed by (command office)</source>
        <translation>解除告知书落款(指挥部办公室)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>&amp;Language (this workstation)</source>
        <translation>语言(本机)(&amp;L)</translation>
    </message>
    <message>
        <source>Isolation policy per category</source>
        <translation>各类人员隔离政策</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Counted from</source>
        <translation>起算方式</translation>
    </message>
    <message>
        <source>Test days</source>
        <translation>检测日</translation>
    </message>
    <message>
        <source>Check-in test</source>
        <translation>入住检测</translation>
    </message>
    <message>
        <source>Double sampling</source>
        <translation>双采双检</translation>
    </message>
    <message>
        <source>Home days</source>
        <translation>居家天数</translation>
    </message>
    <message>
        <source>At this site</source>
        <translation>集中隔离</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Holding room (positive before arrival)</source>
        <translation>临时留观房间(入住前阳性)</translation>
    </message>
    <message>
        <source>e.g. A-0410</source>
        <translation>例如 A-0410</translation>
    </message>
    <message>
        <source>Use this preset</source>
        <translation>使用此预设</translation>
    </message>
    <message>
        <source>Edit policy…</source>
        <translation>编辑政策…</translation>
    </message>
    <message>
        <source>Apply to current occupants…</source>
        <translation>应用于在住人员…</translation>
    </message>
    <message>
        <source>How days are counted: day 0 is the start date (the last exposure or the arrival, as the policy says); day k is the start date + k calendar days; the release date is day N for an N-day isolation. A test "on day 4" is due on start + 4. Everybody is sampled on the day they check in; a scheduled test day that fell before check-in is not owed twice (the check-in test covers it).</source>
        <translation>天数计算方法:第0天为起算日(按政策为末次暴露日或抵达日);第k天为起算日加k个自然日;N天隔离的解除日期为第N天。“第4天检测”即起算日加4天当天检测。所有人入住当天采样;入住前已过的检测日不再补检(由入住检测代替)。</translation>
    </message>
    <message>
        <source>Presets are starting points from national protocols (8th edition 2021: 14 days, tests on days 1, 4, 7, 14; 9th edition June 2022: 7 days, tests on days 1, 2, 3, 5, 7; "20 measures" November 2022: 5 days, tests on days 1, 2, 3, 5). Local variants differed: edit the table to match your instructions. A change applies to new check-ins; current occupants keep their policy until you apply it to them.</source>
        <translation>预设取自国家防控方案(第八版2021:14天,第1、4、7、14天检测;第九版2022年6月:7天,第1、2、3、5、7天检测;“二十条”2022年11月:5天,第1、2、3、5天检测)。各地做法不同,请按本地要求编辑此表。修改只适用于新入住人员;在住人员沿用原政策,直至您将新政策应用于他们。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Replace the policy of every category with the preset "%1"? Current occupants keep their policy until you apply it to them.</source>
        <translation>用预设“%1”替换所有类别的政策?在住人员沿用原政策,直至您将新政策应用于他们。</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Add staff member</source>
        <translation>新增工作人员</translation>
    </message>
    <message>
        <source>doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>nurse</source>
        <translation>护士</translation>
    </message>
    <message>
        <source>security</source>
        <translation>安保</translation>
    </message>
    <message>
        <source>cleaner</source>
        <translation>保洁</translation>
    </message>
    <message>
        <source>logistics</source>
        <translation>后勤</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>一天一检</translation>
    </message>
    <message>
        <source>3 in 5 days</source>
        <translation>五天三检</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>检测</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Regime</source>
        <translation>检测频次</translation>
    </message>
    <message>
        <source>Sampled</source>
        <translation>已采样</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Plan today's staff tests</source>
        <translation>安排今日工作人员检测</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>阴性</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>阳性</translation>
    </message>
    <message>
        <source>Add staff member…</source>
        <translation>新增工作人员…</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>一天一检</translation>
    </message>
    <message>
        <source>3 in 5 days</source>
        <translation>五天三检</translation>
    </message>
    <message>
        <source>not planned</source>
        <translation>未安排</translation>
    </message>
</context>
<context>
    <name>StayActions</name>
    <message>
        <source>%1 will be alone in room %2 without an adult of the household: an alert stays on the banner until a carer is assigned or the child is moved.</source>
        <translation>%1 将独自留在房间 %2,无同户成人陪同:横幅将持续提醒,直到安排陪护或将儿童转走。</translation>
    </message>
</context>
<context>
    <name>StayPanel</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Sex, age</source>
        <translation>性别、年龄</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Start (day 0)</source>
        <translation>起算日(第0天)</translation>
    </message>
    <message>
        <source>Release date</source>
        <translation>解除日期</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <source>Going to</source>
        <translation>去往</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>同户</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>入住</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>调换房间…</translation>
    </message>
    <message>
        <source>Extend / bring forward…</source>
        <translation>延长/提前…</translation>
    </message>
    <message>
        <source>Release…</source>
        <translation>解除隔离…</translation>
    </message>
    <message>
        <source>Transfer out…</source>
        <translation>转运…</translation>
    </message>
    <message>
        <source>Community told…</source>
        <translation>已告知社区…</translation>
    </message>
    <message>
        <source>Record that the destination community was told of the release</source>
        <translation>登记已将解除隔离情况告知去往街镇/社区</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应检日</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Sampled</source>
        <translation>采样时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>No one selected</source>
        <translation>未选择人员</translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n 岁</numerusform>
        </translation>
    </message>
    <message>
        <source>(no room yet)</source>
        <translation>(尚未分配房间)</translation>
    </message>
    <message>
        <source>day %1 of %2</source>
        <translation>第%1天/共%2天</translation>
    </message>
    <message>
        <source>Site's own policy</source>
        <translation>本点自定政策</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>家长</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>Carer</source>
        <translation>陪护人</translation>
    </message>
    <message>
        <source>Person cared for</source>
        <translation>被照护人</translation>
    </message>
    <message>
        <source>Community told</source>
        <translation>已告知社区</translation>
    </message>
    <message>
        <source>How and whom (e.g. phoned the community office, Ms Li):</source>
        <translation>告知方式及对象(如:电话告知社区办公室李女士):</translation>
    </message>
</context>
<context>
    <name>SuppliesScreen</name>
    <message>
        <source>Supplies</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Only items to reorder</source>
        <translation>只看需补货的物资</translation>
    </message>
    <message>
        <source>Receive…</source>
        <translation>入库…</translation>
    </message>
    <message>
        <source>Issue…</source>
        <translation>出库…</translation>
    </message>
    <message>
        <source>Count…</source>
        <translation>盘点…</translation>
    </message>
    <message>
        <source>Adjust…</source>
        <translation>调整…</translation>
    </message>
    <message>
        <source>New item…</source>
        <translation>新增物资…</translation>
    </message>
    <message>
        <source>Edit item…</source>
        <translation>修改物资…</translation>
    </message>
    <message>
        <source>Restock request (PDF)…</source>
        <translation>申领单(PDF)…</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现有库存</translation>
    </message>
    <message>
        <source>Reorder level</source>
        <translation>补货线</translation>
    </message>
    <message>
        <source>Daily use</source>
        <translation>日均用量</translation>
    </message>
    <message>
        <source>Days of supply</source>
        <translation>可用天数</translation>
    </message>
    <message>
        <source>Runs out</source>
        <translation>预计用完</translation>
    </message>
    <message>
        <source>Forecast from</source>
        <translation>预测依据</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>结存</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>From / to</source>
        <translation>来源/去向</translation>
    </message>
    <message>
        <source>Reason / slip</source>
        <translation>原因/单号</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>领用出库</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Stock count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation>调出</translation>
    </message>
    <message>
        <source>recent use</source>
        <translation>近期消耗</translation>
    </message>
    <message>
        <source>coming demand</source>
        <translation>未来需求</translation>
    </message>
    <message>
        <source>no use</source>
        <translation>无消耗</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>已断货</translation>
    </message>
    <message>
        <source>Below the reorder level</source>
        <translation>低于补货线</translation>
    </message>
    <message>
        <source>Less than a week of supply</source>
        <translation>不足一周用量</translation>
    </message>
    <message>
        <source>Enough</source>
        <translation>充足</translation>
    </message>
    <message>
        <source>Forecast from the coming demand: the next %1 days need %2 %3 a day (occupants present and releases due, sampling days, staff shifts), more than the %4 a day used in the last %1 days.</source>
        <translation>按未来需求预测:未来%1天每天需要%2%3(按在住人数和到期解除、采样日、班次推算),多于近%1天每天实际消耗的%4。</translation>
    </message>
    <message>
        <source>Forecast from recent use: %1 %2 a day in the last %3 days, more than the %4 a day that the occupants present, the sampling plan and the shifts imply.</source>
        <translation>按近期消耗预测:近%3天每天消耗%1%2,多于按在住人数、采样计划和班次推算的每天%4。</translation>
    </message>
    <message>
        <source>Recent use and the coming demand agree: %1 %2 a day.</source>
        <translation>近期消耗与未来需求一致:每天%1%2。</translation>
    </message>
    <message>
        <source>Forecast from recent use: %1 %2 a day in the last %3 days. This item is not tied to occupants, samples or shifts.</source>
        <translation>按近期消耗预测:近%3天每天消耗%1%2。该物资的用量与在住人数、采样和班次无关。</translation>
    </message>
    <message>
        <source>Forecast from recent use: %1 %2 a day in the last %3 days. It is used per staff shift, but no staff are on the roster to plan with.</source>
        <translation>按近期消耗预测:近%3天每天消耗%1%2。该物资按班次消耗,但排班表中没有工作人员,无法按班次推算。</translation>
    </message>
    <message>
        <source>Nothing usable on hand.</source>
        <translation>没有可用库存。</translation>
    </message>
    <message>
        <source>Nothing was used in the last %1 days and nothing is planned: no run-out date.</source>
        <translation>近%1天没有消耗,也没有计划用量:不会用完。</translation>
    </message>
    <message>
        <source>At that rate it lasts %1 days and runs out on %2.</source>
        <translation>按此用量可用%1天,预计%2用完。</translation>
    </message>
    <message>
        <source>Below the reorder level of %1: request about %2 %3.</source>
        <translation>低于补货线%1:建议申领约%2%3。</translation>
    </message>
    <message>
        <source>Lot %1 expired on %2 with %3 left: write it off.</source>
        <translation>批号%1已于%2过期,剩余%3:请报废。</translation>
    </message>
    <message>
        <source>Lot %1 expires on %2 with about %3 unused.</source>
        <translation>批号%1将于%2过期,预计约%3用不完。</translation>
    </message>
    <message>
        <source>Lot %1 expires on %2.</source>
        <translation>批号%1将于%2过期。</translation>
    </message>
    <message numerus="yes">
        <source>%n lot(s) expired</source>
        <translation>
            <numerusform>%n个批次已过期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lot(s) expiring</source>
        <translation>
            <numerusform>%n个批次即将过期</numerusform>
        </translation>
    </message>
    <message>
        <source>Critical item: %1</source>
        <translation>关键物资:%1</translation>
    </message>
    <message>
        <source>Choose an item to see its ledger and forecast.</source>
        <translation>请选择一种物资,查看其台账和预测。</translation>
    </message>
    <message>
        <source>%1 — %2 %3 on hand</source>
        <translation>%1 — 现有%2%3</translation>
    </message>
    <message>
        <source>stock count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>On hand (end of day)</source>
        <translation>库存(日末)</translation>
    </message>
    <message>
        <source>Forecast (%1)</source>
        <translation>预测(%1)</translation>
    </message>
    <message>
        <source>%1 (%2): stock and forecast</source>
        <translation>%1(%2):库存与预测</translation>
    </message>
</context>
<context>
    <name>SupplyWords</name>
    <message>
        <source>Protective equipment</source>
        <translation>防护用品</translation>
    </message>
    <message>
        <source>Disinfectant</source>
        <translation>消杀用品</translation>
    </message>
    <message>
        <source>Testing</source>
        <translation>检测耗材</translation>
    </message>
    <message>
        <source>Food and water</source>
        <translation>食品饮水</translation>
    </message>
    <message>
        <source>Medicine</source>
        <translation>药品</translation>
    </message>
    <message>
        <source>Daily necessities</source>
        <translation>生活用品</translation>
    </message>
    <message>
        <source>Medical waste</source>
        <translation>医疗废物用品</translation>
    </message>
    <message>
        <source>Per occupant per day</source>
        <translation>按人天</translation>
    </message>
    <message>
        <source>Per staff shift</source>
        <translation>按班次</translation>
    </message>
    <message>
        <source>Per sample</source>
        <translation>按采样</translation>
    </message>
    <message>
        <source>Unplanned</source>
        <translation>不定期</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
</context>
<context>
    <name>TestsScreen</name>
    <message>
        <source>Tests</source>
        <translation>核酸检测</translation>
    </message>
    <message>
        <source>PCR</source>
        <translation>核酸</translation>
    </message>
    <message>
        <source>Antigen</source>
        <translation>抗原</translation>
    </message>
    <message>
        <source>check-in</source>
        <translation>入住检</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>release day</source>
        <translation>解除前</translation>
    </message>
    <message>
        <source>second lab</source>
        <translation>双采</translation>
    </message>
    <message>
        <source>re-test</source>
        <translation>复检</translation>
    </message>
    <message>
        <source>regime</source>
        <translation>加检</translation>
    </message>
    <message>
        <source>surface</source>
        <translation>物表</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>nurse</source>
        <translation>护士</translation>
    </message>
    <message>
        <source>security</source>
        <translation>安保</translation>
    </message>
    <message>
        <source>cleaner</source>
        <translation>保洁</translation>
    </message>
    <message>
        <source>logistics</source>
        <translation>后勤</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>阴性</translation>
    </message>
    <message>
        <source>POSITIVE</source>
        <translation>阳性</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>楼层</translation>
    </message>
    <message>
        <source>Print sampling list…</source>
        <translation>打印采样登记表…</translation>
    </message>
    <message>
        <source>Import lab results…</source>
        <translation>导入检测结果…</translation>
    </message>
    <message>
        <source>Test regime…</source>
        <translation>检测频次…</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Tests on %1</source>
        <translation>%1 核酸检测</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>一天一检</translation>
    </message>
    <message>
        <source>3 in 5 days</source>
        <translation>五天三检</translation>
    </message>
    <message>
        <source>everyone in isolation</source>
        <translation>全部在隔离人员</translation>
    </message>
    <message>
        <source>building %1</source>
        <translation>%1栋</translation>
    </message>
    <message>
        <source>building %1, floor %2</source>
        <translation>%1栋 %2层</translation>
    </message>
    <message>
        <source>Lab results</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Close contact</source>
        <translation>密接</translation>
    </message>
    <message>
        <source>Secondary contact</source>
        <translation>次密接</translation>
    </message>
    <message>
        <source>Inbound traveller</source>
        <translation>入境人员</translation>
    </message>
    <message>
        <source>Risk-area arrival</source>
        <translation>中高风险地区来(返)人员</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Regular</source>
        <translation>普通餐</translation>
    </message>
    <message>
        <source>Halal</source>
        <translation>清真餐</translation>
    </message>
    <message>
        <source>Vegetarian</source>
        <translation>素食</translation>
    </message>
    <message>
        <source>Diabetic</source>
        <translation>糖尿病餐</translation>
    </message>
    <message>
        <source>Soft</source>
        <translation>软食</translation>
    </message>
    <message>
        <source>Infant</source>
        <translation>婴幼儿餐</translation>
    </message>
    <message>
        <source>fever</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>dry cough</source>
        <translation>干咳</translation>
    </message>
    <message>
        <source>sputum</source>
        <translation>咳痰</translation>
    </message>
    <message>
        <source>sore throat</source>
        <translation>咽痛</translation>
    </message>
    <message>
        <source>fatigue</source>
        <translation>乏力</translation>
    </message>
    <message>
        <source>runny or blocked nose</source>
        <translation>流涕鼻塞</translation>
    </message>
    <message>
        <source>headache</source>
        <translation>头痛</translation>
    </message>
    <message>
        <source>muscle ache</source>
        <translation>肌肉酸痛</translation>
    </message>
    <message>
        <source>shortness of breath</source>
        <translation>气促</translation>
    </message>
    <message>
        <source>chest tightness</source>
        <translation>胸闷</translation>
    </message>
    <message>
        <source>loss of smell or taste</source>
        <translation>嗅(味)觉减退</translation>
    </message>
    <message>
        <source>diarrhoea</source>
        <translation>腹泻</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Day shift</source>
        <translation>白班</translation>
    </message>
    <message>
        <source>Night shift</source>
        <translation>夜班</translation>
    </message>
    <message>
        <source>%1, %2 (%3 to %4)</source>
        <translation>%1 %2(%3 至 %4)</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Occupied</source>
        <translation>在住</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Awaiting disinfection</source>
        <translation>待终末消毒</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Release date</source>
        <translation>解除日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Reorder level</source>
        <translation>补货线</translation>
    </message>
    <message>
        <source>Days of supply</source>
        <translation>可用天数</translation>
    </message>
    <message>
        <source>Runs out</source>
        <translation>预计用完</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Release notice…</source>
        <translation>解除告知书…</translation>
    </message>
    <message>
        <source>Census</source>
        <translation>在住统计</translation>
    </message>
    <message>
        <source>Positives and fevers</source>
        <translation>阳性与发热</translation>
    </message>
    <message>
        <source>Releases due</source>
        <translation>到期解除</translation>
    </message>
    <message>
        <source>Supplies</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Meals</source>
        <translation>餐食</translation>
    </message>
    <message>
        <source>Counting the figures of the shift…</source>
        <translation>正在统计本班数据…</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Isolation site</source>
        <translation>隔离点</translation>
    </message>
    <message>
        <source>Figures as of %1; the handover sheet prints the same figures.</source>
        <translation>数据统计至 %1;交接班记录打印的是同一组数据。</translation>
    </message>
    <message>
        <source>on site</source>
        <translation>在住人数</translation>
    </message>
    <message>
        <source>arrived in this shift</source>
        <translation>本班入住</translation>
    </message>
    <message>
        <source>released in this shift</source>
        <translation>本班解除</translation>
    </message>
    <message>
        <source>transferred in this shift</source>
        <translation>本班转运</translation>
    </message>
    <message>
        <source>positive, awaiting transfer or new</source>
        <translation>阳性(待转运或新增)</translation>
    </message>
    <message>
        <source>fevers in this shift</source>
        <translation>本班发热</translation>
    </message>
    <message>
        <source>tests sampled / due in this shift</source>
        <translation>本班已采样 / 应检</translation>
    </message>
    <message numerus="yes">
        <source>results awaited (%n over 24 h)</source>
        <translation>
            <numerusform>待出结果(%n 份超过24小时)</numerusform>
        </translation>
    </message>
    <message>
        <source>rooms ready</source>
        <translation>可用房间</translation>
    </message>
    <message>
        <source>rooms to disinfect</source>
        <translation>待终末消毒房间</translation>
    </message>
    <message>
        <source>releases due by the end of the next shift</source>
        <translation>下一班结束前到期解除</translation>
    </message>
    <message>
        <source>supplies to reorder</source>
        <translation>需补货物资</translation>
    </message>
    <message>
        <source>not yet known</source>
        <translation>暂不可知</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>阳性</translation>
    </message>
    <message>
        <source>Fever</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>No temperature (morning)</source>
        <translation>未测体温(上午)</translation>
    </message>
    <message>
        <source>No temperature (evening)</source>
        <translation>未测体温(下午)</translation>
    </message>
    <message>
        <source>Critical items and items below their reorder level.</source>
        <translation>重点物资及低于补货线的物资。</translation>
    </message>
    <message>
        <source>Stock and days of supply: not yet known (no supplies ledger yet).</source>
        <translation>库存与可用天数:暂不可知(尚无物资台账)。</translation>
    </message>
    <message>
        <source>Last 14 days</source>
        <translation>近14天</translation>
    </message>
    <message>
        <source>Arrivals</source>
        <translation>入住</translation>
    </message>
    <message>
        <source>Releases</source>
        <translation>解除</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>在住</translation>
    </message>
    <message>
        <source>Releases due, next 7 days</source>
        <translation>未来7天到期解除</translation>
    </message>
    <message>
        <source>Save the release notice</source>
        <translation>保存解除告知书</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer out</source>
        <translation>转运</translation>
    </message>
    <message>
        <source>Hospital or site name</source>
        <translation>医院或隔离点名称</translation>
    </message>
    <message>
        <source>Occupant</source>
        <translation>隔离人员</translation>
    </message>
    <message>
        <source>To</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>The room goes to terminal disinfection after the transfer.</source>
        <translation>转运后房间进入终末消毒。</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Manager</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Medical</source>
        <translation>医护</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Logistics</source>
        <translation>后勤</translation>
    </message>
    <message>
        <source>Viewer (read only)</source>
        <translation>只读查看</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Set a new password…</source>
        <translation>设置新密码…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>User accounts</source>
        <translation>用户账号</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>锁定至%1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Set a new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>New password for %1 (tell it to them in person):</source>
        <translation>%1的新密码(请当面告知本人):</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV,UTF-8编码 (*.csv)</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
</TS>