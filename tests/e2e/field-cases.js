// The inspector's field cases, shared with the native table in
// tests/field_cases.rs. Each case sets the inspector's inputs and names the
// verdict the page must show.

export const T =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c3brGQkxoiCgrl5LGiV0go9qgN0MtrdnDBCCfJ45f_Q';
const HS384 =
  'eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.jR0SBNuSm132pJq03wkH1UcUrHhkAX2gajYWcIUJ8WsVXFsqMlugI5UHIQwAQUbV';
const HS512 =
  'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.T0dbPffXLSeC9hFxmyoOxj72yAoHx4glHAtrAteMKB_R3hTqYOp57-C6FyWt0zoqdTVjeixIBnMWQj3PP_Egog';
const NBF_EXP =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsIm5iZiI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwMDYwfQ.k8_Zv6Xq-IP73tMu4eWTohwSGOEKMxpUunZSC6SxkXs';

const [, PAYLOAD, SIGNATURE] = T.split('.');

/** { name, token, secret, encoding?, leeway?, time?, verdict, reason? } */
export const FIELD_CASES = [
  { name: '1 base64url secret', token: T, secret: 'c2VjcmV0', encoding: 'base64url', verdict: 'valid' },
  {
    name: '2 text secret that looks encoded',
    token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.rs15zxnp13Fj8rwvpuw83xVoJdmgSeD3CH8gS9_MJPg',
    secret: 'c2VjcmV0',
    verdict: 'valid',
  },
  {
    name: '2 same token, base64url secret',
    token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.rs15zxnp13Fj8rwvpuw83xVoJdmgSeD3CH8gS9_MJPg',
    secret: 'c2VjcmV0',
    encoding: 'base64url',
    verdict: 'invalid-signature',
  },
  {
    name: '3 standard base64 signature',
    token: T.slice(0, -2) + '/Q=',
    secret: 'secret',
    verdict: 'malformed',
    reason: /'\/'.*'='.*base64url/,
  },
  { name: '4 Bearer prefix', token: `Bearer ${T}`, secret: 'secret', verdict: 'valid', cleanup: /Bearer/ },
  { name: '4 quotes', token: `"${T}"`, secret: 'secret', verdict: 'valid', cleanup: /quotes/ },
  { name: '4 trailing newline', token: `${T}\n`, secret: 'secret', verdict: 'valid', cleanup: /line break/ },
  { name: '5 space in signature', token: T.replace('c3brGQkx', 'c3br GQkx'), secret: 'secret', verdict: 'malformed', reason: /space.*position 63/ },
  { name: '6 non-canonical last character', token: T.slice(0, -1) + 'R', secret: 'secret', verdict: 'malformed', reason: /non-canonical/ },
  { name: '7 HS384', token: HS384, secret: 'secret', verdict: 'valid' },
  { name: '7 HS512', token: HS512, secret: 'secret', verdict: 'valid' },
  { name: '7 HS384 plus one character', token: `${HS384}A`, secret: 'secret', verdict: 'malformed', reason: /impossible length/ },
  { name: '7 HS512 plus one character', token: `${HS512}A`, secret: 'secret', verdict: 'malformed', reason: /impossible length/ },
  {
    name: '8 exp as string',
    token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6IjQxMDI0NDQ4MDAifQ.66LDaRnpil8BANL0aaf_V4soT3g7hF7GOVoOZKijlq0',
    secret: 'secret',
    verdict: 'invalid-claims',
    reason: /exp must be a number.*4\.1\.4/,
    checks: /signature matches/,
  },
  {
    name: '9 exp in milliseconds',
    token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTQ4NDQyNTk2NTA5N30.V-Is8MzcQuYU7OlwXkwQZbMC-GiEEEihfa7V_E4-aNE',
    secret: 'secret',
    verdict: 'valid',
    checks: /milliseconds/,
  },
  {
    name: '10 duplicate sub',
    token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsInN1YiI6ImFkbWluIn0.wikpZuEy63K4gBzNBjpFuc9-Evatf-uipFgj_JJuWeg',
    secret: 'secret',
    verdict: 'malformed',
    reason: /duplicate member "sub"/,
  },
  { name: '11 alg none', token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.', secret: 'secret', verdict: 'unsupported', reason: /alg none/ },
  { name: '11 alg None', token: 'eyJhbGciOiJOb25lIn0.eyJzdWIiOiJhbGljZSJ9.', secret: 'secret', verdict: 'unsupported', reason: /case-sensitive/ },
  {
    name: '11 alg NONE with signature',
    token: 'eyJhbGciOiJOT05FIn0.eyJzdWIiOiJhbGljZSJ9.QDGIow80emLWYWtvyJjJZWVu1HZmzhb3OKPFNddChZo',
    secret: 'secret',
    verdict: 'unsupported',
  },
  {
    name: '12 empty secret',
    token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.W9AcROShgDz7J54MI1h40vKuqKcbmf8gXmcYRHS5Bkk',
    secret: '',
    verdict: 'valid',
    keyNote: /empty/,
  },
  { name: '13 before nbf', token: NBF_EXP, secret: 'secret', leeway: '0', time: '1699999999', verdict: 'not-yet-valid' },
  { name: '13 at nbf', token: NBF_EXP, secret: 'secret', leeway: '0', time: '1700000000', verdict: 'valid' },
  { name: '13 just before exp', token: NBF_EXP, secret: 'secret', leeway: '0', time: '1700000059', verdict: 'valid' },
  { name: '13 at exp', token: NBF_EXP, secret: 'secret', leeway: '0', time: '1700000060', verdict: 'expired' },
  { name: '13 leeway 30 early', token: NBF_EXP, secret: 'secret', leeway: '30', time: '1699999970', verdict: 'valid' },
  { name: '13 leeway 30 late', token: NBF_EXP, secret: 'secret', leeway: '30', time: '1700000089', verdict: 'valid' },
  { name: '13 leeway 30 expired', token: NBF_EXP, secret: 'secret', leeway: '30', time: '1700000090', verdict: 'expired' },
  { name: '14 two segments', token: T.slice(0, T.lastIndexOf('.')), secret: 'secret', verdict: 'malformed', reason: /Found 2 segments.*exactly 3/ },
  { name: '14 four segments', token: `${T}.eyJ4IjoxfQ`, secret: 'secret', verdict: 'malformed', reason: /Found 4 segments/ },
  { name: '15 JWE', token: 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..aXY.Y3Q.dGFn', secret: 'secret', verdict: 'unsupported', reason: /JWE/ },
  { name: '16 header not JSON', token: `bm90IGpzb24.${PAYLOAD}.${SIGNATURE}`, secret: 'secret', verdict: 'malformed', reason: /header\) is not JSON/ },
  { name: '16 payload is an array', token: `${T.split('.')[0]}.WzEsMiwzXQ.${SIGNATURE}`, secret: 'secret', verdict: 'malformed', reason: /must be a JSON object/ },
];
