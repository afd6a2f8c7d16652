import { start } from '/client.js';

start('shared');
self.onconnect = (event) => event.ports[0].start();
