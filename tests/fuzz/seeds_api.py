#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_api (tests/fuzz/corpus/api/) from the route table.

One seed per route and caller kind, in the driver's input format: byte 0 the route index, byte 1
the caller (low 3 bits) and Content-Type (next 2 bits), byte 2 the path parameter choice, then the
query string and a newline, then the body. Bodies are valid examples for each route so the fuzzer
starts past JSON decoding. Run after changing the route table:

    python3 tests/fuzz/seeds_api.py build/yuanqu
"""
import json, os, subprocess, sys

BIN = sys.argv[1] if len(sys.argv) > 1 else 'build/yuanqu'
OUT = os.path.join(os.path.dirname(__file__), 'corpus', 'api')
routes = json.loads(subprocess.check_output([BIN, 'routes', '--json']))['routes']

TICKET = {'enterprise_id': 3, 'channel': 'phone', 'category': '用工', 'title': '四季度用工缺口30人',
          'description': '订单增加，急需普工30人。', 'contact_name': '张经理', 'contact_phone': '13900000001'}
ENT = {'uscc': '9122017100000006X9', 'name': '测试科技有限公司', 'short_name': '测试科技',
       'industry_code': '3670', 'address': '长春市经开区1号', 'building': '1号楼',
       'established_on': '2020-01-02', 'ent_type': 'private', 'registered_capital': 100.5,
       'contacts': [{'name': '张三', 'phone': '13900000001', 'role': '总经理'}],
       'tags': ['专精特新'], 'flags': [{'flag': 'hightech', 'from': '2024-01-01', 'to': '2026-12-31',
                                      'cert_no': 'GR2024'}]}
BODIES = {
    ('POST', '/api/login'): {'username': 'ccetdz-fuwu', 'password': 'Fixture-Passw0rd!2026'},
    ('PUT', '/api/me/password'): {'old_password': 'x', 'new_password': 'New-Passw0rd-2026'},
    ('PUT', '/api/me/zone'): {'zone_id': 2},
    ('POST', '/api/depts'): {'name': '项目办', 'kind': 'project', 'parent_id': 1, 'sort': 3},
    ('PUT', '/api/depts/:id'): {'name': '经发局', 'kind': 'investment', 'sort': 1},
    ('POST', '/api/users'): {'username': 'fz-user', 'display_name': '测试', 'role': 'staff',
                             'data_scope': 'dept', 'dept_id': 2, 'phone': '13900000002',
                             'email': 'a@b.cn', 'password': 'New-Passw0rd-2026'},
    ('PUT', '/api/users/:id'): {'display_name': '改名', 'phone': '13900000003', 'dept_id': 3},
    ('POST', '/api/users/:id/reset-password'): {'password': 'New-Passw0rd-2026'},
    ('POST', '/api/enterprises'): ENT,
    ('PUT', '/api/enterprises/:id'): ENT,
    ('POST', '/api/enterprises/:id/visits'): {'visited_on': '2026-03-04', 'kind': '走访',
                                              'findings': '了解用工', 'follow_ups': '跟踪',
                                              'visitor_user_id': 2},
    ('POST', '/api/tickets'): TICKET,
    ('POST', '/api/tickets/:id/accept'): {'dept_id': 2, 'category': '用工', 'priority': 'normal',
                                          'co_dept_ids': [3]},
    ('POST', '/api/tickets/:id/reject'): {'reason': '不属于受理范围'},
    ('POST', '/api/tickets/:id/return'): {'reason': '非本部门职责'},
    ('POST', '/api/tickets/:id/wait'): {'body': '等待企业补充材料'},
    ('POST', '/api/tickets/:id/supply'): {'body': '已补充营业执照'},
    ('POST', '/api/tickets/:id/resolve'): {'answer': '已协调解决'},
    ('POST', '/api/tickets/:id/merge'): {'into_id': 2},
    ('POST', '/api/tickets/:id/rate'): {'rating': 'satisfied', 'comment': '满意'},
    ('POST', '/api/tickets/:id/comments'): {'body': '已联系', 'internal': True},
    ('POST', '/api/tickets/:id/extension'): {'days': 5, 'reason': '需协调'},
    ('POST', '/api/tickets/:id/extension/decision'): {'approve': True, 'comment': '同意'},
    ('POST', '/api/tickets/:id/escalate'): {'level': 'leader', 'note': '督办', 'deadline': '2026-12-01'},
    ('PUT', '/api/ticket-rules'): {'category': '融资', 'priority': 'urgent', 'first_contact_hours': 1,
                                   'interim_days': 1, 'resolve_days': 2},
    ('POST', '/api/webhooks'): {'url': 'http://127.0.0.1:9/hook', 'secret': 'abcdefghijklmnop'},
    ('POST', '/api/holidays'): {'date': '2027-01-01', 'kind': 'holiday', 'name': '元旦'},
    ('POST', '/api/tokens'): {'name': '12345热线对接', 'role': 'staff', 'dept_id': 2, 'data_scope': 'zone',
                              'expires_at': '2099-12-31'},
}
OTHER_BODY = {'comment': '说明', 'note': 'x'}
QUERIES = {
    '/api/enterprises': 'q=%E6%B1%BD%E8%BD%A6&industry=C&status=active&page=1&page_size=20&sort=name',
    '/api/tickets': 'status=open&dept_id=2&enterprise_id=3&q=%E7%94%A8%E5%B7%A5&page=2',
    '/api/users': 'dept_id=2&q=zh&role=staff&status=active',
    '/api/tickets/stats': 'from=2026-01-01&to=2026-12-31&group=dept',
    '/api/tickets/briefing': 'date=2026-11-20&format=html',
    '/api/audit': 'page=1&page_size=5&action=login',
    '/api/enterprises/export': 'format=csv&q=%E6%B1%BD',
    '/open311/v2/requests.json': 'api_key=@KEY@&service_request_id=1&status=open&start_date=2026-01-01T00:00:00Z',
    '/open311/v2/requests.xml': 'api_key=@KEY@&status=open',
    '/open311/v2/requests/:id': 'api_key=@KEY@',
    '/open311/v2/tokens/:id': 'api_key=@KEY@',
}
O311_FORM = ('api_key=@KEY@&jurisdiction_id=ccetdz&service_code=financing&description=%E8%9E%8D%E8%B5%84'
             '&first_name=%E5%BC%A0&phone=13900000001&attribute%5Buscc%5D=91220171000000051H'
             '&attribute%5Bcodes%5D%5B%5D=a&attribute%5Bcodes%5D%5B%5D=b')
MULTIPART = ('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n'
             'Content-Type: text/csv\r\n\r\n统一社会信用代码,企业名称,行业代码\r\n'
             '91350100M000100YI3,测试有限公司,3670\r\n--XyZ--\r\n')

# a month's statistics sheet: title, unit line, a two-row header with a group, a 合计 row
ECON_SHEET = ('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="m.csv"\r\n'
              'Content-Type: text/csv\r\n\r\n2026年1月规上工业企业主要经济指标\r\n单位：万元\r\n'
              '序号,统一社会信用代码,企业名称,工业总产值,,营业收入（亿元）\r\n,,,本月,同比(%),本月\r\n'
              '合计,,,1200,5.0,0.2\r\n1,91220101MA0000001X,九三集团长春大豆科技股份有限公司,1200,5.0,0.2\r\n'
              '--XyZ--\r\n')
QUERIES['/api/economy/import'] = 'period=2026-01'
# the whole province's month, zone by zone (the province viewer's; the others are refused)
QUERIES['/api/economy/summary'] = 'period=2026-10&zone=all&group=zone'
BODIES[('POST', '/api/economy/reminders')] = {'period': '2026-01'}
# 包保: a month's list and one enterprise's, targets (null removes one), a 调度 raising a request
QUERIES['/api/economy/baobao'] = 'period=2026-10&leader_id=2'
QUERIES['/api/economy/baobao/:id'] = 'period=2026-10'
BODIES[('PUT', '/api/economy/baobao/:id/targets')] = {'period': '2099-10',
                                                      'targets': {'output': 1200, 'revenue': 1500.5,
                                                                  'power': None}}
BODIES[('POST', '/api/economy/baobao/:id/dispatches')] = {
    'period': '2026-10', 'recorded_on': '2026-10-15', 'production': 'partial',
    'orders': '订单排至下季度', 'problems': '用工缺口约50人，急需招聘支持', 'raise_request': True,
    'category': '用工'}

os.makedirs(OUT, exist_ok=True)
n = 0
for i, rt in enumerate(routes):
    key = (rt['method'], rt['pattern'])
    q = QUERIES.get(rt['pattern'], '')
    ct, body = 0, b''
    if rt['pattern'].startswith('/open311/') and rt['method'] == 'POST':
        ct, body = 2, O311_FORM.encode()
    elif rt['pattern'] == '/api/enterprises/import':
        ct, body = 3, MULTIPART.encode()
    elif rt['pattern'] == '/api/economy/import':
        ct, body = 3, ECON_SHEET.encode()
    elif rt['method'] in ('POST', 'PUT'):
        body = json.dumps(BODIES.get(key, OTHER_BODY), ensure_ascii=False).encode()
    callers = [1, 5] if rt['perm'] != 'public' else [0]
    if rt['pattern'] == '/api/login':
        callers = [0]
    if rt['pattern'] == '/api/economy/summary':
        callers = [1, 5, 7]
    for who in callers:
        # indices into fuzz_api.c's params: 0 "1", 3 "5", 16 "3.json", 18 "financing.json"
        params = (16,) if rt['pattern'].startswith('/open311/') else (0, 3)
        if rt['pattern'].endswith(':code'):
            params = (18,)
        for param in params:
            if param and ':' not in rt['pattern'] and param < 16:
                continue
            flags = who | (ct << 3) | (64 if rt['pattern'].startswith('/open311/') else 0)
            data = bytes([i, flags, param]) + q.encode() + b'\n' + body
            with open(os.path.join(OUT, f'{i:03d}_{who}_{param}'), 'wb') as f:
                f.write(data)
            n += 1
print(f'{n} seeds in {OUT}')
