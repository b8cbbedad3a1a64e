<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis hasScaleBasedVisibilityFlag="0" minScale="1e+08" readOnly="0" version="3.22.16-Białowieża" styleCategories="LayerConfiguration|Symbology|Symbology3D|Labeling|Fields|Forms|Actions|MapTips|Diagrams|AttributeTable|Rendering|GeometryOptions|Relations|Temporal|Legend|Elevation|Notes" maxScale="0">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal enabled="0" fixedDuration="0" startField="" endField="" durationField="" limitMode="0" accumulate="0" durationUnit="min" startExpression="" endExpression="" mode="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <geometryOptions removeDuplicateNodes="0" geometryPrecision="0">
    <activeChecks type="StringList">
      <Option value="" type="QString"/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend showLabelLegend="0" type="default-vector"/>
  <referencedLayers>
    <relation name="Afspraken" referencedLayer="Buurtdeals__punt__5bf98e98_d322_42ee_9a36_15d792cf3578" id="afspraak_buurtdeal_punt" layerId="Buurtdeals__punt__5bf98e98_d322_42ee_9a36_15d792cf3578" dataSource="dbname='bk_scratch_qgis' host=/work/main/.local/pgdata port=55432 user='postgres' key='id' srid=28992 type=Point checkPrimaryKeyUnicity='1' table=&quot;buurt&quot;.&quot;buurtdeal&quot; (geom) sql=GeometryType(&quot;geom&quot;) = 'POINT'" strength="Composition" providerKey="postgres" referencingLayer="Afspraken_f0970976_3ed6_4313_b151_c2a05c0367ef" layerName="Buurtdeals (punt)">
      <fieldRef referencingField="buurtdeal_id" referencedField="id"/>
    </relation>
    <relation name="Afspraken" referencedLayer="Buurtdeals__vlak__15fbf83e_503a_49e2_ac2a_fc50c40ef723" id="afspraak_buurtdeal_vlak" layerId="Buurtdeals__vlak__15fbf83e_503a_49e2_ac2a_fc50c40ef723" dataSource="dbname='bk_scratch_qgis' host=/work/main/.local/pgdata port=55432 user='postgres' key='id' srid=28992 type=MultiPolygon checkPrimaryKeyUnicity='1' table=&quot;buurt&quot;.&quot;buurtdeal&quot; (geom) sql=GeometryType(&quot;geom&quot;) = 'MULTIPOLYGON'" strength="Composition" providerKey="postgres" referencingLayer="Afspraken_f0970976_3ed6_4313_b151_c2a05c0367ef" layerName="Buurtdeals (vlak)">
      <fieldRef referencingField="buurtdeal_id" referencedField="id"/>
    </relation>
  </referencedLayers>
  <fieldConfiguration>
    <field name="id" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="buurtdeal_id" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="partij" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option name="AllowMulti" value="false" type="bool"/>
            <Option name="AllowNull" value="false" type="bool"/>
            <Option name="BuurtkaartWaardelijst" value="vl_partij" type="QString"/>
            <Option name="FilterExpression" value="" type="QString"/>
            <Option name="Key" value="code" type="QString"/>
            <Option name="Layer" value="" type="QString"/>
            <Option name="LayerName" value="" type="QString"/>
            <Option name="OrderByValue" value="false" type="bool"/>
            <Option name="UseCompleter" value="false" type="bool"/>
            <Option name="Value" value="naam" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="omschrijving" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="true" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gereed" configurationFlags="None">
      <editWidget type="CheckBox">
        <config>
          <Option type="Map">
            <Option name="CheckedState" value="" type="QString"/>
            <Option name="TextDisplayMethod" value="0" type="int"/>
            <Option name="UncheckedState" value="" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option name="allow_null" value="true" type="bool"/>
            <Option name="calendar_popup" value="true" type="bool"/>
            <Option name="display_format" value="yyyy-MM-dd HH:mm" type="QString"/>
            <Option name="field_format" value="yyyy-MM-dd HH:mm" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option name="allow_null" value="true" type="bool"/>
            <Option name="calendar_popup" value="true" type="bool"/>
            <Option name="display_format" value="yyyy-MM-dd HH:mm" type="QString"/>
            <Option name="field_format" value="yyyy-MM-dd HH:mm" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="Nummer" index="0" field="id"/>
    <alias name="Buurtdeal (nummer)" index="1" field="buurtdeal_id"/>
    <alias name="Partij" index="2" field="partij"/>
    <alias name="Omschrijving" index="3" field="omschrijving"/>
    <alias name="Gereed" index="4" field="gereed"/>
    <alias name="Aangemaakt door" index="5" field="aangemaakt_door"/>
    <alias name="Aangemaakt op" index="6" field="aangemaakt_op"/>
    <alias name="Gewijzigd door" index="7" field="gewijzigd_door"/>
    <alias name="Gewijzigd op" index="8" field="gewijzigd_op"/>
  </aliases>
  <defaults>
    <default field="id" expression="" applyOnUpdate="0"/>
    <default field="buurtdeal_id" expression="" applyOnUpdate="0"/>
    <default field="partij" expression="" applyOnUpdate="0"/>
    <default field="omschrijving" expression="" applyOnUpdate="0"/>
    <default field="gereed" expression="" applyOnUpdate="0"/>
    <default field="aangemaakt_door" expression="" applyOnUpdate="0"/>
    <default field="aangemaakt_op" expression="" applyOnUpdate="0"/>
    <default field="gewijzigd_door" expression="" applyOnUpdate="0"/>
    <default field="gewijzigd_op" expression="" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint exp_strength="0" field="id" constraints="3" unique_strength="1" notnull_strength="1"/>
    <constraint exp_strength="0" field="buurtdeal_id" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="partij" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="1" field="omschrijving" constraints="5" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="gereed" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="aangemaakt_door" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="aangemaakt_op" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="gewijzigd_door" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="gewijzigd_op" constraints="0" unique_strength="0" notnull_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint field="id" exp="" desc=""/>
    <constraint field="buurtdeal_id" exp="" desc=""/>
    <constraint field="partij" exp="" desc=""/>
    <constraint field="omschrijving" exp="length(trim(&quot;omschrijving&quot;)) > 0" desc="Beschrijf de afspraak."/>
    <constraint field="gereed" exp="" desc=""/>
    <constraint field="aangemaakt_door" exp="" desc=""/>
    <constraint field="aangemaakt_op" exp="" desc=""/>
    <constraint field="gewijzigd_door" exp="" desc=""/>
    <constraint field="gewijzigd_op" exp="" desc=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig sortOrder="0" sortExpression="" actionWidgetStyle="dropDown">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>tablayout</editorlayout>
  <attributeEditorForm>
    <attributeEditorContainer name="Afspraak" columnCount="1" visibilityExpressionEnabled="0" visibilityExpression="" groupBox="1" showLabel="1">
      <attributeEditorField name="id" index="0" showLabel="1"/>
      <attributeEditorField name="buurtdeal_id" index="1" showLabel="1"/>
      <attributeEditorField name="partij" index="2" showLabel="1"/>
      <attributeEditorField name="omschrijving" index="3" showLabel="1"/>
      <attributeEditorField name="gereed" index="4" showLabel="1"/>
    </attributeEditorContainer>
    <attributeEditorContainer name="Afgeleid (door de database)" columnCount="1" visibilityExpressionEnabled="0" visibilityExpression="" groupBox="1" showLabel="1">
      <attributeEditorField name="aangemaakt_door" index="5" showLabel="1"/>
      <attributeEditorField name="aangemaakt_op" index="6" showLabel="1"/>
      <attributeEditorField name="gewijzigd_door" index="7" showLabel="1"/>
      <attributeEditorField name="gewijzigd_op" index="8" showLabel="1"/>
    </attributeEditorContainer>
  </attributeEditorForm>
  <editable>
    <field name="aangemaakt_door" editable="0"/>
    <field name="aangemaakt_op" editable="0"/>
    <field name="gewijzigd_door" editable="0"/>
    <field name="gewijzigd_op" editable="0"/>
    <field name="id" editable="0"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>4</layerGeometryType>
</qgis>
