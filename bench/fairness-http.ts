/** One GET with a bearer token over a keep-alive agent (the fairness bench and its load). */
import { type Agent, request } from 'node:http';

export const get = (agent: Agent, url: string, token: string): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
