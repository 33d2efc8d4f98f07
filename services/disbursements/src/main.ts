import { serve } from '@eutf/service-runtime';
import { AppModule } from './app.module';
import { SERVICE } from './config';

serve(SERVICE, AppModule.forConfig);
